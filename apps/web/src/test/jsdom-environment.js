/**
 * jsdom, plus the Fetch API of Node: jsdom has no fetch, Request or Response,
 * and the tests fake the server at exactly that boundary (a function over
 * Request objects). Use with `@jest-environment ./apps/web/src/test/jsdom-environment.js`.
 */
const { TestEnvironment } = require('jest-environment-jsdom');

class JsdomWithFetchEnvironment extends TestEnvironment {
  constructor(config, context) {
    super(config, context);
    Object.assign(this.global, { fetch, Request, Response, Headers, TextEncoder, TextDecoder });
  }
}

module.exports = JsdomWithFetchEnvironment;
