import type { Generator } from './generator.js';
import { inboundMessage, messageStatus } from './messaging.js';
import { flowExecution, flowStep, taskrouterEvent } from './studio-taskrouter.js';
import { conversationEvent, errorLogged, verifyMessage, verifyVerification } from './verify-conversations.js';
import { callEvent, callSummary, voiceWebhookEvent } from './voice.js';

/** The payload generator for each schema of the catalogue (the test event is built by Sink Test). */
export const GENERATORS: Readonly<Record<string, Generator>> = {
  'Messaging.MessageStatus': messageStatus,
  'Messaging.InboundMessageV1': inboundMessage,
  'Voice.WebhookEvent': voiceWebhookEvent,
  'VoiceInsights.CallEvent': callEvent,
  'VoiceInsights.CallSummary': callSummary,
  'Studio.FlowExecutionEvent': flowExecution,
  'Studio.FlowStepEvent': flowStep,
  'TaskRouter.WDSEvent': taskrouterEvent,
  'AccountSecurity.VerifyEventStreamEvent': verifyVerification,
  'AccountSecurity.MessageStatusEvent': verifyMessage,
  'Conversations.ConversationEvent': conversationEvent,
  'Conversations.MessageEvent': conversationEvent,
  'Conversations.ParticipantEvent': conversationEvent,
  'ErrorLogs.Error': errorLogged,
  'EventStreams.TestSink': (g) => ({ source: 'Sink', payload: { test_id: g.faker.string.uuid() } }),
};
