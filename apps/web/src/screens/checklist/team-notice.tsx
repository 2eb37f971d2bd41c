import { BlockStack, Button, InlineStack, TextField } from '@shopify/polaris';
import { useId, useState } from 'react';
import { useToast } from '../../components/toast';
import { useI18n } from '../../i18n/i18n';
import { useApi } from '../../runtime/runtime-context';

const EMAIL = /^[^\s@,;]+@[^\s@,;]+\.[^\s@,;]+$/;

/** Splits a typed list of addresses; separators people use are commas, semicolons and spaces. */
export function parseEmails(text: string): { valid: string[]; invalid: string[] } {
  const entries = text
    .split(/[\s,;]+/)
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '');
  const unique = [...new Set(entries)];
  return { valid: unique.filter((e) => EMAIL.test(e)), invalid: unique.filter((e) => !EMAIL.test(e)) };
}

/** The team's addresses and a button that e-mails them a notice of the coming disconnection. */
export function TeamNotice(props: { storeId: string; initialEmails: string[] }) {
  const api = useApi();
  const { t, tn } = useI18n();
  const toast = useToast();
  const fieldId = useId();
  const [text, setText] = useState(props.initialEmails.join(', '));
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const send = async () => {
    const { valid, invalid } = parseEmails(text);
    if (invalid.length > 0)
      return setError(t('checklist.informTeam.invalid', { emails: invalid.join(', ') }));
    if (valid.length === 0) return setError(t('checklist.informTeam.empty'));
    setError(null);
    setBusy(true);
    try {
      const { sent } = await api.sendTeamNotice(props.storeId, valid);
      toast(tn('checklist.informTeam.sent', sent));
    } catch (cause) {
      setError(t('common.saveError', { message: cause instanceof Error ? cause.message : String(cause) }));
    } finally {
      setBusy(false);
    }
  };

  return (
    <BlockStack gap="200">
      <TextField
        id={fieldId}
        label={t('checklist.informTeam.emails')}
        helpText={t('checklist.informTeam.emailsHelp')}
        value={text}
        onChange={(value) => {
          setText(value);
          setError(null);
        }}
        type="text"
        inputMode="email"
        autoComplete="email"
        multiline={2}
        error={error ?? undefined}
      />
      <InlineStack>
        <Button onClick={send} loading={busy}>
          {t('checklist.informTeam.send')}
        </Button>
      </InlineStack>
    </BlockStack>
  );
}
