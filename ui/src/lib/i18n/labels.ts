// The names of the core's codes — statuses, kinds, forms of exploitation,
// seat types, holidays — come from the core's dictionaries
// (crates/core/messages), the ones the CLI and the exports use, so a code is
// called the same everywhere. The UI's own dictionaries keep only its own
// words (buttons, headings, hints).
import nlJson from "../../../../crates/core/messages/nl.json";
import enJson from "../../../../crates/core/messages/en.json";
import type {
  ActionEventKind,
  ActionStatus,
  AgendaItemKind,
  AttendanceStatus,
  DocumentKind,
  ExploitationForm,
  Field,
  HitKind,
  Holiday,
  InvitationStatus,
  LabelSet,
  MeetingStatus,
  MinutesStage,
  Reply,
  SeatType,
  SubjectKind,
  SubjectStatus,
  TagCategory,
  TermPhase,
} from "../bindings";
import { AUDIT_ACTIONS } from "../bindings";
import { i18n } from "./index.svelte";

/** What a change in the audit log did (`AuditEntry.action`). */
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

// Every label set of the core, and no other, with the codes it names.
type EveryLabelSet<T extends Record<LabelSet, string> & Record<Exclude<keyof T, LabelSet>, never>> = T;

/** The codes of each label set, as the generated bindings type them. */
export type Codes = EveryLabelSet<{
  thing: string;
  field: Field;
  meeting_status: MeetingStatus;
  invitation_status: InvitationStatus;
  action_status: ActionStatus;
  action_event: ActionEventKind;
  attendance_status: AttendanceStatus;
  reply: Reply;
  minutes_stage: MinutesStage;
  subject_kind: SubjectKind;
  subject_status: SubjectStatus;
  document_kind: DocumentKind;
  hit_kind: HitKind;
  exploitation_form: ExploitationForm;
  tag_category: TagCategory;
  seat_type: SeatType;
  agenda_item_kind: AgendaItemKind;
  holiday: Holiday;
  term_phase: TermPhase;
  audit_action: AuditAction;
}>;

const nl: Record<string, string> = nlJson;
const en: Record<string, string> = enJson;

/** The core's dictionary in the current language. */
export function coreDictionary(): Record<string, string> {
  return i18n.lang === "nl" ? nl : en;
}

/** A code's name for a set and code only known at run time (a message's parameter). */
export function nameOf(set: LabelSet, code: string): string {
  return coreDictionary()[`${set}.${code}`] ?? code;
}

/**
 * A code's name as the core writes it, for inside a sentence:
 * `labelInText("term_phase", "current")` → "lopend".
 */
export function labelInText<S extends LabelSet>(set: S, code: Codes[S]): string {
  return nameOf(set, code);
}

/**
 * A code's name on its own — an option, a badge, a table cell — starting
 * with a capital: `label("meeting_status", "held")` → "Gehouden".
 */
export function label<S extends LabelSet>(set: S, code: Codes[S]): string {
  const name = nameOf(set, code);
  if (i18n.lang === "nl" && name.startsWith("ij")) return `IJ${name.slice(2)}`;
  return name.charAt(0).toUpperCase() + name.slice(1);
}

/** What a change in the audit log did, for inside a sentence: "gewijzigd". */
export function auditActionLabel(action: string): string {
  const known = (AUDIT_ACTIONS as readonly string[]).includes(action);
  return known ? labelInText("audit_action", action as AuditAction) : action;
}
