// Tags in forms: forms of exploitation as checkboxes, the other categories as
// comma-separated text. Converts both ways.
import type { Tag, TagCategory } from "./ipc";

export const FORMS: string[] = ["sexual", "labour", "criminal", "organ_removal", "other"];

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
