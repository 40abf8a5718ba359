import "server-only";
// Every domain's template, by domain. A new domain needs its keywords in
// domain-detection.ts, a template file here and an entry below.
import type { Domain } from "../domain-detection.ts";
import type { Analysis } from "../goal-analysis.ts";
import { eventTemplate } from "./event.ts";
import { fitnessTemplate } from "./fitness.ts";
import { genericTemplate } from "./generic.ts";
import { learningTemplate } from "./learning.ts";
import { movingTemplate } from "./moving.ts";
import { softwareTemplate } from "./software.ts";
import type { DomainTemplate, Phase } from "./template.ts";
import { tripTemplate } from "./trip.ts";
import { writingTemplate } from "./writing.ts";

export const TEMPLATES: Record<Domain, DomainTemplate> = {
  software: softwareTemplate,
  trip: tripTemplate,
  event: eventTemplate,
  learning: learningTemplate,
  writing: writingTemplate,
  moving: movingTemplate,
  fitness: fitnessTemplate,
  generic: genericTemplate,
};

/** The phases of the plan for an analysed goal, from its domain's template (3 to 8, in order). */
export function phasesFor(a: Analysis): Phase[] {
  return TEMPLATES[a.domain].phases(a);
}
