/**
 * @module bin/commands/controller.test
 * `its controller` option parsing.
 */
import { expect, test } from 'vitest';
import { ConfigError } from '../../core/index.ts';
import { parseUsers } from './controller.ts';

test('OPC UA users are read from name:password:role entries', () => {
  expect(parseUsers('op:s3:operator,v:pw:observer')).toEqual([
    { username: 'op', password: 's3', role: 'operator' },
    { username: 'v', password: 'pw', role: 'observer' },
  ]);
  expect(parseUsers(undefined)).toEqual([]);
});

test('a malformed user entry is refused naming its position', () => {
  expect(() => parseUsers('op:s3:admin')).toThrow(ConfigError);
  expect(() => parseUsers('ok:pw:operator,broken')).toThrow(/ITS_OPCUA_USERS\[1\]/);
});
