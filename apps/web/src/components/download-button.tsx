import { Button } from '@shopify/polaris';
import { useState } from 'react';
import { useI18n } from '../i18n/i18n';
import { useApi } from '../runtime/runtime-context';
import { useToast } from './toast';

export interface DownloadButtonProps {
  path: string;
  filename: string;
  label: string;
}

/**
 * A CSV export. With the session cookie a plain link downloads it (streamed by
 * the browser); a bearer token cannot ride on a link, so embedded we fetch it
 * and hand the browser the file.
 */
export function DownloadButton(props: DownloadButtonProps) {
  const api = useApi();
  const { t } = useI18n();
  const toast = useToast();
  const [busy, setBusy] = useState(false);

  if (api.authKind === 'cookie') {
    return (
      <Button url={props.path} download={props.filename}>
        {props.label}
      </Button>
    );
  }

  const onClick = async () => {
    setBusy(true);
    try {
      const blob = await api.download(props.path);
      const href = URL.createObjectURL(blob);
      const anchor = document.createElement('a');
      anchor.href = href;
      anchor.download = props.filename;
      anchor.click();
      URL.revokeObjectURL(href);
    } catch (error) {
      toast(t('common.loadError') + (error instanceof Error ? `: ${error.message}` : ''), { error: true });
    } finally {
      setBusy(false);
    }
  };
  return (
    <Button onClick={onClick} loading={busy}>
      {props.label}
    </Button>
  );
}
