import { defineConfig } from 'wxt';

// See https://wxt.dev/api/config.html
export default defineConfig({
  modules: ['@wxt-dev/module-react'],
  // Explicit imports everywhere, so every name can be followed to its file.
  imports: false,
  manifest: ({ browser }) => ({
    name: '直播取证 LiveProof',
    description: '在本机识别直播带货中的虚假违法广告，并保存可校验的证据。Flags false advertising in live-commerce rooms, locally, with tamper-evident evidence.',
    default_locale: undefined,
    permissions: ['storage', 'unlimitedStorage', 'tabs'],
    ...(browser === 'firefox'
      ? { browser_specific_settings: { gecko: { id: 'liveproof@liveproof.invalid', strict_min_version: '140.0', data_collection_permissions: { required: ['none'] } } } }
      : {}),
  }),
});
