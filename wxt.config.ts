import { defineConfig } from 'wxt';

// See https://wxt.dev/api/config.html
export default defineConfig({
  modules: ['@wxt-dev/module-react'],
  // Explicit imports everywhere, so every name can be followed to its file.
  imports: false,
  manifest: ({ browser, mode }) => ({
    name: '直播取证 LiveProof',
    description: '在本机识别直播带货中的虚假违法广告，并保存可校验的证据。Flags false advertising in live-commerce rooms, locally, with tamper-evident evidence.',
    default_locale: undefined,
    // activeTab: clicking the LiveProof button on a room allows screenshots of that tab until it navigates.
    permissions: ['storage', 'unlimitedStorage', 'tabs', 'activeTab'],
    // Loopback is where the bundled demo room is served.
    host_permissions: [
      'http://127.0.0.1/*',
      'http://localhost/*',
      // The end-to-end build stands in for the one-time "allow screenshots" grant a user gives from the
      // popup, since a headless browser cannot answer a permission prompt (docs/DEVELOPERS.md).
      ...(mode === 'e2e' ? ['<all_urls>'] : []),
    ],
    // tabs.captureVisibleTab needs <all_urls> (or activeTab); users grant it once from the popup.
    optional_host_permissions: ['<all_urls>'],
    ...(browser === 'firefox'
      ? { optional_permissions: ['<all_urls>'], browser_specific_settings: { gecko: { id: 'liveproof@liveproof.invalid', strict_min_version: '140.0', data_collection_permissions: { required: ['none'] } } } }
      : {}),
  }),
});
