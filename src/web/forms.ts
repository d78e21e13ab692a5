import { html, SafeHtml } from './html';

/** Problems of a form, by field name, in Swedish. */
export type FieldErrors = Record<string, string>;

/** At the top of a form that came back with errors: each problem, linking to its field. */
export function errorSummary(errors: FieldErrors, fieldIds: Record<string, string> = {}): SafeHtml | null {
  const entries = Object.entries(errors);
  if (entries.length === 0) return null;
  return html`<div class="error-summary" role="alert" aria-labelledby="fel-rubrik">
<h2 id="fel-rubrik">Något behöver rättas</h2>
<ul>${entries.map(([field, problem]) => html`<li><a href="#${fieldIds[field] ?? field}">${problem}</a></li>`)}</ul>
</div>`;
}

interface InputOptions {
  name: string;
  label: string;
  value?: string;
  error?: string;
  hint?: string;
  type?: 'text' | 'email' | 'tel' | 'date' | 'time' | 'datetime-local' | 'month';
  autocomplete?: string;
  inputmode?: 'numeric' | 'tel' | 'email';
  required?: boolean;
  id?: string;
}

/** A labelled input with its hint and, when it came back wrong, its error next to it. */
export function input(o: InputOptions): SafeHtml {
  const id = o.id ?? o.name;
  const described = [o.hint ? `${id}-hint` : null, o.error ? `${id}-error` : null].filter(Boolean).join(' ');
  return html`<div class="field">
<label for="${id}">${o.label}</label>
${o.hint && html`<span class="hint" id="${id}-hint">${o.hint}</span>`}
${o.error && html`<p class="field-error" id="${id}-error">${o.error}</p>`}
<input id="${id}" name="${o.name}" type="${o.type ?? 'text'}" value="${o.value ?? ''}"${o.autocomplete ? html` autocomplete="${o.autocomplete}"` : ''}${o.inputmode ? html` inputmode="${o.inputmode}"` : ''}${o.required ? html` required` : ''}${described ? html` aria-describedby="${described}"` : ''}${o.error ? html` aria-invalid="true" class="invalid"` : ''}>
</div>`;
}

export function textarea(o: { name: string; label: string; value?: string; error?: string; hint?: string; required?: boolean }): SafeHtml {
  const described = [o.hint ? `${o.name}-hint` : null, o.error ? `${o.name}-error` : null].filter(Boolean).join(' ');
  return html`<div class="field">
<label for="${o.name}">${o.label}</label>
${o.hint && html`<span class="hint" id="${o.name}-hint">${o.hint}</span>`}
${o.error && html`<p class="field-error" id="${o.name}-error">${o.error}</p>`}
<textarea id="${o.name}" name="${o.name}"${o.required ? html` required` : ''}${described ? html` aria-describedby="${described}"` : ''}${o.error ? html` aria-invalid="true" class="invalid"` : ''}>${o.value ?? ''}</textarea>
</div>`;
}

/** A group of checkboxes under a legend, posting every checked value under one name. */
export function checkboxes(o: { name: string; legend: string; hint?: string; options: { value: string; label: string }[]; checked: string[]; error?: string }): SafeHtml {
  const described = [o.hint ? `${o.name}-hint` : null, o.error ? `${o.name}-error` : null].filter(Boolean).join(' ');
  return html`<fieldset class="field" id="${o.name}"${described ? html` aria-describedby="${described}"` : ''}>
<legend>${o.legend}</legend>
${o.hint && html`<span class="hint" id="${o.name}-hint">${o.hint}</span>`}
${o.error && html`<p class="field-error" id="${o.name}-error">${o.error}</p>`}
${o.options.map(
  (option, i) => html`<div class="choice"><input type="checkbox" id="${o.name}-${i}" name="${o.name}" value="${option.value}"${o.checked.includes(option.value) ? html` checked` : ''}><label for="${o.name}-${i}">${option.label}</label></div>`,
)}
</fieldset>`;
}

/** One checkbox that stands alone (consent, pause). */
export function checkbox(o: { name: string; label: string; checked: boolean; error?: string; value?: string }): SafeHtml {
  return html`<div class="field">
${o.error && html`<p class="field-error" id="${o.name}-error">${o.error}</p>`}
<div class="choice"><input type="checkbox" id="${o.name}" name="${o.name}" value="${o.value ?? 'true'}"${o.checked ? html` checked` : ''}${o.error ? html` aria-invalid="true" aria-describedby="${o.name}-error"` : ''}><label for="${o.name}">${o.label}</label></div>
</div>`;
}

export function select(o: { name: string; label: string; options: { value: string; label: string }[]; value?: string; error?: string }): SafeHtml {
  return html`<div class="field">
<label for="${o.name}">${o.label}</label>
${o.error && html`<p class="field-error" id="${o.name}-error">${o.error}</p>`}
<select id="${o.name}" name="${o.name}"${o.error ? html` aria-invalid="true" aria-describedby="${o.name}-error" class="invalid"` : ''}>
${o.options.map((option) => html`<option value="${option.value}"${option.value === o.value ? html` selected` : ''}>${option.label}</option>`)}
</select>
</div>`;
}

/** The errors in the order the fields stand in the form (the order of `messages`), so the summary reads top down. */
export function inFormOrder(errors: FieldErrors, messages: FieldErrors): FieldErrors {
  const order = Object.keys(messages);
  return Object.fromEntries(Object.entries(errors).sort(([a], [b]) => (order.indexOf(a) + 1 || 99) - (order.indexOf(b) + 1 || 99)));
}

/** A form field's values as a list (a single checked box posts a string, none posts nothing). */
export function listOf(value: unknown): string[] {
  if (Array.isArray(value)) return value.filter((v): v is string => typeof v === 'string');
  return typeof value === 'string' ? [value] : [];
}

/** A form field's value as text ('' when missing or repeated). */
export function textOf(value: unknown): string {
  return typeof value === 'string' ? value : '';
}
