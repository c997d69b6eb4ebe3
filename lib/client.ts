/**
 * What extension pages ask the background, over runtime messaging. Components
 * never call this; entry points pass its results to them as props.
 */
import type { ErrorReply, PageMessage } from './protocol/types';
import type { TabState } from './evidence/store';

export type SendMessage = (message: PageMessage) => Promise<unknown>;

export interface Client {
  getTabState(tabId: number): Promise<TabState>;
}

export function createClient(send: SendMessage): Client {
  return {
    async getTabState(tabId) {
      const reply = (await send({ type: 'tabState', tabId })) as TabState | ErrorReply | undefined;
      if (!reply) throw new Error('no reply from the background');
      if ('ok' in reply && reply.ok === false) throw new Error(reply.error);
      return reply as TabState;
    },
  };
}
