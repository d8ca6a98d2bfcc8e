import { Card, Descriptions, Space, Tag } from 'antd';
import { useMe } from '../../hooks/use-session';
import { accountTexts, levelTexts } from '../../locales/zh-CN';

/** 我的账户: who the token speaks for (GET /auth/me). */
export default function AccountPage() {
  const me = useMe();
  return (
    <Card title={accountTexts.title}>
      <Descriptions column={1} bordered size="middle" styles={{ label: { width: 140, whiteSpace: 'nowrap' } }}>
        <Descriptions.Item label={accountTexts.name}>{me.name}</Descriptions.Item>
        <Descriptions.Item label={accountTexts.userId}>{me.userId}</Descriptions.Item>
        <Descriptions.Item label={accountTexts.role}>{me.roleLabel}</Descriptions.Item>
        <Descriptions.Item label={accountTexts.center}>{me.centerInfo.name}</Descriptions.Item>
        <Descriptions.Item label={accountTexts.centerCode}>{me.centerInfo.code}</Descriptions.Item>
        <Descriptions.Item label={accountTexts.level}>{levelTexts[me.centerInfo.level]}</Descriptions.Item>
        <Descriptions.Item label={accountTexts.parent}>{me.centerInfo.parent ?? accountTexts.none}</Descriptions.Item>
        <Descriptions.Item label={accountTexts.actions}>
          <Space size={[4, 4]} wrap>
            {me.actions.map((a) => (
              <Tag key={a}>{a}</Tag>
            ))}
          </Space>
        </Descriptions.Item>
      </Descriptions>
    </Card>
  );
}
