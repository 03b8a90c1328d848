// Drawing and exporting a routine: Graphviz dot and Mermaid for people (an
// administrator checking the routine, the municipality's BTI guide), JSON
// for programs (the HTTP API, the web client).
//
// Diagrams group steps by level (one box per level, "Nivå 0".."Nivå 3"),
// draw outcomes as labelled edges, mark the initial step and the abuse
// shortcut (dashed, from the level-0 box), and show each step's kind,
// responsible and deadline. Text is taken in `lang` ("nb", "nn", "en",
// "se"), falling back to bokmål; labels are escaped for the target format,
// and UTF-8 (Sami letters included) passes through unchanged.
//
// Input: a routine as loaded by routine/loader.h (valid). Output is
// deterministic: the same routine gives the same bytes.
//
// Thread-safety: pure functions.
#ifndef STAFETT_ROUTINE_RENDER_H_
#define STAFETT_ROUTINE_RENDER_H_

#include <string>
#include <string_view>

#include "routine/model.h"

namespace stafett::routine {

// A `digraph` with one `subgraph cluster_level_N` per level in use.
std::string RenderDot(const Routine& r, std::string_view lang = "nb");

// A `flowchart TD` with one `subgraph levelN["Nivå N"]` per level in use.
// Node ids are the step ids prefixed "s_", so no step id can clash with a
// Mermaid keyword such as `end`.
std::string RenderMermaid(const Routine& r, std::string_view lang = "nb");

// One JSON object (no trailing newline):
//   {id, version, tenant, hash, title, title_i18n, reference_prefix,
//    initial, abuse_step, settings{approaching_lead, escalation_grace,
//    consent_reminder, consent_validity},
//    services[{id, name, kind, channels{email[], webhook{url,
//    secret_env}|null},
//              leader{...}}],
//    steps[{id, kind, level, title, title_i18n, responsible,
//           deadline ("P14D", "10 working days" or null for none),
//           deadline_spec ({kind:"calendar", duration} |
//                          {kind:"working_days", working_days} | null),
//           requires[field], outcomes[{name, to, label, label_i18n,
//           requires[field]}], tags{sjumilssteget[], uncrc[]}}],
//    closures[{from, to, annual, label, label_i18n}],
//    teams[{id, name, name_i18n, channels{...}}],
//    escalation[{deadline, deadline_spec, to[]}] (the stages in effect)}
// where field = {name, type, required, options[], label, label_i18n}, a
// label is null when the file gives none, and *_i18n maps language -> text.
// With `channels` false, every channels{...} and leader{...} object is left
// out (the keys too): services' e-mail addresses and webhook URLs are for
// those who configure the routine, not for everyone who reads it.
std::string RenderJson(const Routine& r, std::string_view lang = "nb",
                       bool channels = true);

}  // namespace stafett::routine

#endif  // STAFETT_ROUTINE_RENDER_H_
