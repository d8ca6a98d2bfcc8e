import { Button, Result } from 'antd';
import { useNavigate } from 'react-router';
import { commonTexts } from '../../locales/zh-CN';

export default function NotFoundPage() {
  const navigate = useNavigate();
  return <Result status="404" title="404" subTitle={commonTexts.notFound} extra={<Button onClick={() => navigate('/')}>{commonTexts.backHome}</Button>} />;
}
