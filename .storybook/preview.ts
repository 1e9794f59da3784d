import type { Preview } from '@storybook/react-vite';
import 'stream-chat-react/dist/css/index.css';
import '../src/react/styles/index.css';

const preview: Preview = {
  // A docs page per component: its props from TSDoc, and its stories.
  tags: ['autodocs'],
  parameters: {
    // Stories fail their test when axe finds a violation.
    a11y: { test: 'error' },
    layout: 'padded',
  },
  globalTypes: {
    theme: {
      description: 'stream-chat-react theme',
      toolbar: { title: 'Theme', items: ['light', 'dark'], dynamicTitle: true },
    },
  },
  initialGlobals: { theme: 'light' },
};

export default preview;
