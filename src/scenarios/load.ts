import { readFileSync } from 'node:fs';
import { Cron } from 'croner';
import type { Provider } from '../providers/provider.js';
import { buildCatalog, findEntry } from './catalog.js';
import { stepReferences } from './interpolate.js';
import { UsageError } from './overrides.js';
import { scenarioSchema, type Scenario } from './schema.js';

/** Names the step (by name and position) and the field, e.g. `step 'webhook' (steps[1]) request.method: …`. */
function where(scenario: unknown, path: readonly PropertyKey[]): string {
  if (path[0] !== 'steps' || typeof path[1] !== 'number') return path.length > 0 ? path.join('.') : '(the file)';
  const steps = (scenario as { steps?: { name?: unknown }[] }).steps;
  const name = steps?.[path[1]]?.name;
  const field = path.slice(2).join('.');
  return `step ${typeof name === 'string' ? `'${name}' ` : ''}(steps[${path[1]}])${field ? ` ${field}` : ''}`;
}

/** Checks what the schema cannot: references to earlier steps, catalogued events, unique names, cron syntax. */
function checkSemantics(s: Scenario, providers: readonly Provider[]): void {
  const catalog = buildCatalog(providers);
  const seen = new Set<string>();
  s.steps.forEach((step, i) => {
    const at = (field: string) => `step '${step.name}' (steps[${i}]) ${field}`;
    if (seen.has(step.name)) throw new UsageError(`${at('name')}: another step is already named '${step.name}'`);
    for (const ref of stepReferences({ request: step.request, emit: step.emit })) {
      if (!seen.has(ref)) throw new UsageError(`${at('')}: \${${ref}…} does not name an earlier step`);
    }
    if (step.emit && !step.emit.event.includes('${')) {
      const found = findEntry(catalog, step.emit.event);
      if ('suggestions' in found) throw new UsageError(`${at('emit.event')}: unknown event '${step.emit.event}'; did you mean ${found.suggestions.join(', ')}?`);
    }
    if (step.schedule?.cron) {
      try {
        new Cron(step.schedule.cron, { paused: true });
      } catch (err) {
        throw new UsageError(`${at('schedule.cron')}: ${(err as Error).message}`);
      }
    }
    seen.add(step.name);
  });
}

/** Parses and validates a scenario completely before anything runs; every failure is one readable line. */
export function parseScenario(text: string, file: string, providers: readonly Provider[]): Scenario {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new UsageError(`scenario ${file}: not valid JSON (${(err as Error).message})`);
  }
  const result = scenarioSchema.safeParse(json);
  if (!result.success) {
    const issue = result.error.issues[0]!;
    throw new UsageError(`scenario ${file}: ${where(json, issue.path)}: ${issue.message}`);
  }
  try {
    checkSemantics(result.data, providers);
  } catch (err) {
    throw new UsageError(`scenario ${file}: ${(err as Error).message}`);
  }
  return result.data;
}

export function loadScenario(file: string, providers: readonly Provider[]): Scenario {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new UsageError(`scenario ${file}: cannot read it (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`);
  }
  return parseScenario(text, file, providers);
}
