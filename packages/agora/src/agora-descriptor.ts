import { defineAdapter } from '@unirec/core/adapter';
import { type AgoraProviderConfig, agoraConfigSchema } from './agora-config.js';
import { type AgoraRecordingProvider, createAgoraProvider } from './agora-provider.js';
import { type AgoraWebhookOptions, createAgoraWebhookReceiver } from './agora-webhook.js';
import { agoraSentLayout } from './map-agora-response.js';

/** What the `unirec` package (createRecordingProvider, loadConfig, CLI, demo) knows of Agora. */
export const agoraAdapter = defineAdapter<AgoraProviderConfig, AgoraRecordingProvider, AgoraWebhookOptions>({
  vendor: 'agora',
  name: 'Agora',
  docs: 'docs/vendors/agora.md',
  configSchema: agoraConfigSchema as never,
  fields: {
    appId: {
      env: 'UNIREC_AGORA_APP_ID',
      flag: '--agora-app-id',
      type: 'string',
      required: true,
      description: 'App ID of the channels to record',
    },
    customerId: {
      env: 'UNIREC_AGORA_CUSTOMER_ID',
      flag: '--agora-customer-id',
      type: 'string',
      required: true,
      description: 'RESTful API customer ID',
    },
    customerSecret: {
      env: 'UNIREC_AGORA_CUSTOMER_SECRET',
      type: 'string',
      required: true,
      secret: true,
      description: 'RESTful API customer secret',
    },
    area: {
      env: 'UNIREC_AGORA_AREA',
      flag: '--agora-area',
      type: 'string',
      values: ['us', 'eu', 'ap', 'cn'],
      description: 'regional API hosts with domain fallback',
    },
  },
  createProvider: createAgoraProvider,
  createWebhookReceiver: createAgoraWebhookReceiver,
  webhookFields: {
    secret: {
      env: 'UNIREC_AGORA_WEBHOOK_SECRET',
      type: 'string',
      required: true,
      secret: true,
      description: 'NCS secret (Agora Console → Notifications)',
    },
  },
  sentLayout: agoraSentLayout,
});
