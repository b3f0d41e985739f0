// Named selectors over the scenarios slice.
import type { ScenariosSlice } from './scenarios-slice';

type SC = ScenariosSlice;
export const selectScenarios = (s: SC) => s.scenarios;
export const selectScenarioActions = (s: SC) => s.scenarioActions;
export const selectScenarioList = (s: SC) => s.scenarios.list;
export const selectActiveScenario = (s: SC) => s.scenarios.active;
export const selectComparison = (s: SC) => s.scenarios.comparison;
export const selectScenarioMessage = (s: SC) => s.scenarios.message;
