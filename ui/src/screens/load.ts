// Every screen but the overview is loaded when it is first shown, so the
// first paint waits only for the window's frame and the overview (issue #15:
// the whole bundle used to be parsed before anything was drawn). The files
// come from the app itself, so a screen's first visit costs a few
// milliseconds; later visits reuse the loaded module.
export const screens = {
  term: () => import("./TermScreen.svelte"),
  subjects: () => import("./SubjectsScreen.svelte"),
  planner: () => import("./PlannerScreen.svelte"),
  meeting: () => import("./MeetingScreen.svelte"),
  partners: () => import("./PartnersScreen.svelte"),
  actions: () => import("./ActionsScreen.svelte"),
  search: () => import("./SearchScreen.svelte"),
  settings: () => import("./SettingsScreen.svelte"),
};
