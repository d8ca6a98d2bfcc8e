import { Select } from 'antd';
import { statisticsTexts } from '../../../locales/zh-CN/province';
import { useProvinceCenters } from './use-province-centers';

/** Picks the centers below the province a topic or release goes to; empty means all of them. */
/** `id` comes from Form.Item, so the field's label points at the select. */
export function TargetsSelect({ id, value, onChange, placeholder }: { id?: string; value?: string[]; onChange?(v: string[]): void; placeholder: string }) {
  const { cities, counties } = useProvinceCenters();
  return (
    <Select
      id={id}
      mode="multiple"
      allowClear
      value={value}
      onChange={(v: string[]) => onChange?.(v.length ? v : (undefined as unknown as string[]))}
      placeholder={placeholder}
      optionFilterProp="label"
      options={[
        { label: statisticsTexts.levels.city, options: cities.map((c) => ({ value: c.code, label: c.name })) },
        { label: statisticsTexts.levels.county, options: counties.map((c) => ({ value: c.code, label: c.name })) },
      ]}
    />
  );
}
