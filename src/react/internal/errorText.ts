export { errorSentence as errorText } from '../../core/errorTable';
