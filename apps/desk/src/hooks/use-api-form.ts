import { Form, type FormInstance } from 'antd';
import { useCallback, useState } from 'react';
import { constraintTemplates, fieldLabels } from '../locales/zh-CN';
import { ApiError, type FieldError } from '../services/api-error';
import { useShowError } from './use-api-error';

/** The Chinese message for one field error: template by constraint, else the server's own words. */
export function fieldErrorText(e: FieldError, labels: Record<string, string> = {}): string {
  const label = labels[e.field] ?? fieldLabels[e.field] ?? fieldLabels[e.field.split(/[.[]/)[0]!] ?? e.field;
  const template = e.code ? constraintTemplates[e.code] : undefined;
  return template ? template(label, e.params ?? {}) : e.message || label;
}

/** Server field paths ("authors[0].name", "tags.2") as antd name paths. */
function namePath(field: string): (string | number)[] {
  return field
    .split(/[.[\]]+/)
    .filter(Boolean)
    .map((p) => (/^\d+$/.test(p) ? Number(p) : p));
}

export interface ApiForm<T> {
  form: FormInstance<T>;
  submitting: boolean;
  /** Runs the call; field errors land on their fields, anything else shows as a message. Resolves to undefined on failure. */
  submit<R>(call: (values: T) => Promise<R>): Promise<R | undefined>;
}

/**
 * Wires an antd Form to an API call: disables while sending, and maps a 400's field errors onto
 * the form fields in Chinese (form.setFields). Errors for fields the form does not have, and
 * every other failure, go to the global message.
 */
export function useApiForm<T extends object>(options: { labels?: Record<string, string> } = {}): ApiForm<T> {
  const [form] = Form.useForm<T>();
  const [submitting, setSubmitting] = useState(false);
  const showError = useShowError();

  const submit = useCallback(
    async <R>(call: (values: T) => Promise<R>): Promise<R | undefined> => {
      let values: T;
      try {
        values = await form.validateFields();
      } catch {
        return undefined;
      }
      setSubmitting(true);
      try {
        return await call(values);
      } catch (e) {
        if (e instanceof ApiError && e.fieldErrors.length) {
          const onForm = e.fieldErrors.filter((f) => fieldIsRegistered(form, f.field));
          const byField = new Map<string, string[]>();
          // One field may break several rules with the same Chinese text (empty is both too short and not a string).
          for (const f of onForm) byField.set(f.field, [...new Set([...(byField.get(f.field) ?? []), fieldErrorText(f, options.labels)])]);
          form.setFields([...byField].map(([field, errors]) => ({ name: namePath(field) as never, errors })));
          if (onForm.length < e.fieldErrors.length) showError(e);
        } else showError(e);
        return undefined;
      } finally {
        setSubmitting(false);
      }
    },
    [form, options.labels, showError],
  );

  return { form, submitting, submit };
}

function fieldIsRegistered<T>(form: FormInstance<T>, field: string): boolean {
  return form.getFieldsError().some((f) => f.name.join('.') === namePath(field).join('.'));
}
