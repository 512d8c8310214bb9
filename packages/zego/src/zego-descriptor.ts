import { defineAdapter } from '@unirec/core/adapter';
import { type ZegoProviderConfig, ZEGO_REGIONS, zegoConfigSchema } from './zego-config.js';
import { type ZegoRecordingProvider, createZegoProvider } from './zego-provider.js';
import { type ZegoWebhookOptions, createZegoWebhookReceiver } from './zego-webhook.js';
import { zegoSentLayout } from './map-zego-response.js';

/** What the `unirec` package (createRecordingProvider, loadConfig, CLI, demo) knows of ZEGOCLOUD. */
export const zegoAdapter = defineAdapter<ZegoProviderConfig, ZegoRecordingProvider, ZegoWebhookOptions>({
  vendor: 'zego',
  name: 'ZEGOCLOUD',
  docs: 'docs/vendors/zego.md',
  configSchema: zegoConfigSchema as never,
  fields: {
    appId: {
      env: 'UNIREC_ZEGO_APP_ID',
      flag: '--zego-app-id',
      type: 'integer',
      required: true,
      description: 'AppID (uint32) from the ZEGOCLOUD console',
    },
    serverSecret: {
      env: 'UNIREC_ZEGO_SERVER_SECRET',
      type: 'string',
      required: true,
      secret: true,
      description: 'ServerSecret (32 hex characters)',
    },
    region: {
      env: 'UNIREC_ZEGO_REGION',
      flag: '--zego-region',
      type: 'string',
      values: ZEGO_REGIONS,
      description: 'regional API host',
    },
  },
  createProvider: createZegoProvider,
  createWebhookReceiver: createZegoWebhookReceiver,
  webhookFields: {
    callbackSecret: {
      env: 'UNIREC_ZEGO_CALLBACK_SECRET',
      type: 'string',
      required: true,
      secret: true,
      description: 'CallbackSecret from the ZEGOCLOUD console',
    },
  },
  sentLayout: zegoSentLayout,
});
