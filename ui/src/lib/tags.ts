// Tags in forms: forms of exploitation as checkboxes, the other categories as
// comma-separated text. Converts both ways.
import { EXPLOITATION_FORMS, type ExploitationForm, type Tag, type TagCategory } from "./ipc";
import { label } from "./i18n/labels";

/** Whether an exploitation tag's name is one of the core's forms (it always is once stored). */
export function isExploitationForm(name: string): name is ExploitationForm {
  return (EXPLOITATION_FORMS as readonly string[]).includes(name);
}

/** The name of a form of exploitation as shown: "Arbeidsuitbuiting". */
export function formLabel(name: string): string {
  return isExploitationForm(name) ? label("exploitation_form", name) : name;
}

/** A tag as shown: a form of exploitation by its name, another tag as "Regio: Utrecht". */
export function tagLabel(tag: Tag): string {
  return tag.category === "exploitation" ? formLabel(tag.name) : `${label("tag_category", tag.category)}: ${tag.name}`;
}

export interface TagFields {
  forms: string[];
  region: string;
  sector: string;
  theme: string;
}

export function toFields(tags: Tag[]): TagFields {
  const names = (category: TagCategory) =>
    tags
      .filter((tag) => tag.category === category)
      .map((tag) => tag.name)
      .join(", ");
  return {
    forms: tags.filter((tag) => tag.category === "exploitation").map((tag) => tag.name),
    region: names("region"),
    sector: names("sector"),
    theme: names("theme"),
  };
}

export function fromFields(fields: TagFields): Tag[] {
  const split = (category: TagCategory, text: string): Tag[] =>
    text
      .split(",")
      .map((name) => name.trim())
      .filter((name) => name.length > 0)
      .map((name) => ({ category, name }));
  return [
    ...fields.forms.map((name): Tag => ({ category: "exploitation", name })),
    ...split("region", fields.region),
    ...split("sector", fields.sector),
    ...split("theme", fields.theme),
  ];
}
