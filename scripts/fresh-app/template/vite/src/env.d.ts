/// <reference types="vite/client" />

interface ImportMetaEnv {
  readonly VITE_STREAM_BASE_URL: string;
  readonly VITE_STREAM_API_KEY: string;
}
