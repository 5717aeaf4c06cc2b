/**
 * The shape of an activity the bot accepts on /api/messages: the fields botbuilder and the bot read,
 * with their types. Anything else is passed through untouched; a wrong type is a 400, not a crash
 * somewhere inside a turn.
 */
import { z } from 'zod';

const id = z.string().min(1).max(1000);
const account = z.looseObject({ id, name: z.string().max(1000).optional(), aadObjectId: z.string().max(200).optional(), role: z.string().max(100).optional() });

export const inboundActivitySchema = z.looseObject({
  type: z.string().min(1).max(100),
  // An empty channelId would skip botbuilder's key-endorsement check.
  channelId: z.string().min(1).max(100),
  serviceUrl: z.url({ protocol: /^https?$/ }).max(2000),
  id: z.string().max(1000).optional(),
  conversation: z.looseObject({ id, tenantId: z.string().max(200).optional(), conversationType: z.string().max(100).optional(), isGroup: z.boolean().optional() }),
  from: account,
  recipient: account,
  locale: z.string().max(100).optional(),
  text: z.string().max(100_000).optional(),
  name: z.string().max(1000).optional(),
  replyToId: z.string().max(1000).optional(),
  deliveryMode: z.enum(['normal', 'notification', 'expectReplies', 'ephemeral']).optional(),
  timestamp: z.string().max(100).optional(),
  localTimestamp: z.string().max(100).optional(),
  expiration: z.string().max(100).optional(),
  channelData: z.record(z.string(), z.unknown()).optional(),
  membersAdded: z.array(account).max(1000).optional(),
  membersRemoved: z.array(account).max(1000).optional(),
  attachments: z.array(z.looseObject({ contentType: z.string().max(1000) })).max(100).optional(),
  entities: z.array(z.looseObject({ type: z.string().max(1000) })).max(100).optional(),
});
