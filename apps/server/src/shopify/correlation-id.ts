export { correlationIdOf } from '../http/request-correlation';
