import { defineAdapter } from '@unirec/core/adapter';
import { type JoCloudProviderConfig, joCloudConfigSchema } from './jocloud-config.js';
import { type JoCloudRecordingProvider, createJoCloudProvider } from './jocloud-provider.js';
import { type JoCloudWebhookOptions, createJoCloudWebhookReceiver } from './jocloud-webhook.js';
import { joCloudSentLayout } from './map-jocloud-response.js';

/** What the `unirec` package (createRecordingProvider, loadConfig, CLI, demo) knows of JOCloud. */
export const joCloudAdapter = defineAdapter<
  JoCloudProviderConfig,
  JoCloudRecordingProvider,
  JoCloudWebhookOptions
>({
  vendor: 'jocloud',
  name: 'JOCloud',
  docs: 'docs/vendors/jocloud.md',
  configSchema: joCloudConfigSchema as never,
  fields: {
    appId: {
      env: 'UNIREC_JOCLOUD_APP_ID',
      flag: '--jocloud-app-id',
      type: 'integer',
      required: true,
      description: 'AppID of the JOCloud project',
    },
    restfulId: {
      env: 'UNIREC_JOCLOUD_RESTFUL_ID',
      flag: '--jocloud-restful-id',
      type: 'string',
      required: true,
      description: 'API certificate ID (My Center → API Certificate)',
    },
    restfulSecret: {
      env: 'UNIREC_JOCLOUD_RESTFUL_SECRET',
      type: 'string',
      required: true,
      secret: true,
      description: 'API certificate key',
    },
    site: {
      env: 'UNIREC_JOCLOUD_SITE',
      flag: '--jocloud-site',
      type: 'string',
      values: ['domestic', 'international'],
      description: 'API host: api.jocloud.com or api-oversea.jocloud.com',
    },
  },
  createProvider: createJoCloudProvider,
  createWebhookReceiver: createJoCloudWebhookReceiver,
  webhookFields: {
    token: {
      env: 'UNIREC_JOCLOUD_WEBHOOK_TOKEN',
      type: 'string',
      required: true,
      secret: true,
      description: 'shared token appended to callbackUrl as ?token=… (JOCloud signs no callback)',
    },
  },
  sentLayout: joCloudSentLayout,
});
