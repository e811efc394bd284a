import { lastSegment, phone, sid, type Generator } from './generator.js';

/** Studio.FlowExecutionEvent (snake_case). */
export const flowExecution: Generator = (g) => {
  const flowSid = sid(g, 'studioFlow');
  const executionSid = sid(g, 'studioExecution');
  const ended = lastSegment(g.type) === 'ended';
  return {
    source: `/v2/Flows/${flowSid}/Executions/${executionSid}`,
    payload: {
      execution_sid: executionSid,
      account_sid: g.accountSid,
      flow_sid: flowSid,
      contact_channel_address: phone(g),
      status: ended ? 'ended' : 'active',
      ended_reason: ended ? 'FLOW_END' : null,
      date_created: g.now.toISOString(),
      date_updated: g.now.toISOString(),
      started_by: sid(g, 'call'),
      flow_revision: g.faker.number.int({ min: 1, max: 40 }),
    },
  };
};

/** Studio.FlowStepEvent (field set unconfirmed; mirrors the Execution Step resource). */
export const flowStep: Generator = (g) => {
  const flowSid = sid(g, 'studioFlow');
  const executionSid = sid(g, 'studioExecution');
  return {
    source: `/v2/Flows/${flowSid}/Executions/${executionSid}/Steps`,
    payload: {
      step_sid: sid(g, 'studioStep'),
      execution_sid: executionSid,
      flow_sid: flowSid,
      account_sid: g.accountSid,
      name: g.faker.helpers.arrayElement(['send_and_reply_1', 'split_on_reply', 'http_lookup', 'say_play_1']),
      transitioned_from: 'Trigger',
      transitioned_to: g.faker.helpers.arrayElement(['Ended', 'split_on_reply']),
      date_created: g.now.toISOString(),
    },
  };
};

const pascal = (s: string) => s.replace(/(^|[.\-_])(\w)/g, (_, __, c: string) => c.toUpperCase());

/** TaskRouter.WDSEvent: the envelope plus a `payload` describing the task/reservation/worker change. */
export const taskrouterEvent: Generator = (g) => {
  const workspaceSid = sid(g, 'taskrouterWorkspace');
  const eventSid = sid(g, 'taskrouterEvent');
  const eventtype = g.type.slice('com.twilio.taskrouter.'.length);
  const taskSid = sid(g, 'taskrouterTask');
  const workerSid = sid(g, 'taskrouterWorker');
  return {
    source: `/v1/Workspaces/${workspaceSid}/Events/${eventSid}`,
    payload: {
      sid: eventSid,
      name: pascal(eventtype),
      account_sid: g.accountSid,
      account_friendly_name: g.faker.company.name(),
      parent_account_sid: null,
      parent_friendly_name: null,
      timestamp: g.now.toISOString(),
      level: 'INFO',
      group: eventtype.split('.')[0],
      product_name: 'TaskRouter',
      publisher: 'com.twilio.taskrouter',
      publisher_metadata: JSON.stringify({ workspace_sid: workspaceSid }),
      payload_type: 'application/json',
      payload: {
        sid: eventSid,
        eventtype,
        account_sid: g.accountSid,
        timestamp: g.now.toISOString(),
        workspace_sid: workspaceSid,
        workspace_name: `${g.faker.company.name()} Support`,
        task_sid: taskSid,
        task_attributes: JSON.stringify({ type: 'support', from: phone(g), language: 'en' }),
        task_age: g.faker.number.int({ min: 0, max: 600 }),
        task_date_created: g.now.toISOString(),
        task_priority: 0,
        task_assignment_status: lastSegment(eventtype) === 'completed' ? 'completed' : 'pending',
        task_queue_sid: sid(g, 'taskrouterQueue'),
        workflow_sid: sid(g, 'taskrouterWorkflow'),
        ...(eventtype.startsWith('reservation') || eventtype.startsWith('worker')
          ? { worker_sid: workerSid, worker_name: g.faker.person.fullName(), worker_activity_name: 'Available' }
          : {}),
        ...(eventtype.startsWith('reservation') ? { reservation_sid: sid(g, 'taskrouterReservation') } : {}),
      },
    },
  };
};
