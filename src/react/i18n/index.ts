export { en } from './en';
export { es } from './es';
export { callTranslations, registerCallTranslations } from './registerCallTranslations';
