import { Result } from 'antd';
import type { ReactNode } from 'react';
import type { Access } from '../access';
import { commonTexts } from '../locales/zh-CN';
import { useAccess } from '../hooks/use-session';

/** Wraps a route's page: a user who may not use it (a typed-in URL) sees 403, not a broken page. */
export function RequireAccess({ allow, children }: { allow: (a: Access) => boolean; children: ReactNode }) {
  const access = useAccess();
  return allow(access) ? <>{children}</> : <Result status="403" title="403" subTitle={commonTexts.forbidden} />;
}
