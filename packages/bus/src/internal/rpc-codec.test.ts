import { describe, expect, it } from 'vitest';
import { z } from 'zod';

import { defineRpc } from '@anbu/contracts';

import { InvalidReplyError, RpcRemoteError } from '../errors.js';
import { decodeReply } from './rpc-codec.js';

const rpc = defineRpc({
  service: 'households',
  method: 'codec.check',
  input: z.object({}),
  output: z.object({ count: z.number().int(), label: z.string().default('none') }),
});

function decodeError(raw: string): unknown {
  try {
    decodeReply(rpc, raw);
  } catch (error) {
    return error;
  }
  return undefined;
}

describe('decodeReply', () => {
  it('should answer an ok reply as its output parsed by the output schema', () => {
    const raw = JSON.stringify({ ok: true, output: { count: 3, extra: 'dropped' } });

    expect(decodeReply(rpc, raw)).toEqual({ count: 3, label: 'none' });
  });

  it('should refuse an ok reply whose output does not match, naming the field', () => {
    const error = decodeError(JSON.stringify({ ok: true, output: { count: 'three' } }));

    expect(error).toBeInstanceOf(InvalidReplyError);
    expect((error as InvalidReplyError).issues.map((issue) => issue.path)).toEqual(['count']);
  });

  it('should refuse an ok reply without an output', () => {
    expect(decodeError(JSON.stringify({ ok: true }))).toBeInstanceOf(InvalidReplyError);
  });

  it('should throw the remote error of an error reply with its code', () => {
    const error = decodeError(
      JSON.stringify({ ok: false, error: { code: 'NOT_FOUND', message: 'no such stop' } }),
    );

    expect(error).toBeInstanceOf(RpcRemoteError);
    expect((error as RpcRemoteError).code).toBe('NOT_FOUND');
  });

  it.each([
    ['not JSON', '{ok'],
    ['an array', JSON.stringify([{ ok: true, output: { count: 1 } }])],
    ['ok as a string', JSON.stringify({ ok: 'true', output: { count: 1 } })],
    ['an error reply without an error', JSON.stringify({ ok: false })],
    ['null', 'null'],
  ])('should refuse %s as an invalid reply', (_name, raw) => {
    expect(decodeError(raw)).toBeInstanceOf(InvalidReplyError);
  });
});
