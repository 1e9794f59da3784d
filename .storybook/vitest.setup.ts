import * as a11yAddonAnnotations from '@storybook/addon-a11y/preview';
import { setProjectAnnotations } from '@storybook/react-vite';
import { configure } from 'storybook/test';
import * as projectAnnotations from './preview';

setProjectAnnotations([a11yAddonAnnotations, projectAnnotations]);
// Stories wait for the chat's translations and lazy parts; on CI's two loaded cores that can pass
// the library's 1 s default. A story whose state never shows still fails.
configure({ asyncUtilTimeout: 5_000 });
