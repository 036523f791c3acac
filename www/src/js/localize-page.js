// Every page: its marked labels in the reader's language (i18n.js).
import { localize } from './i18n.js';

localize();
