// Diagrams: Graphviz dot and Mermaid. JSON is in render_json.cc.
#include "routine/render.h"

#include <set>
#include <string>
#include <vector>

#include "core/deadline_words.h"
#include "routine/labels.h"

namespace stafett::routine {

namespace {

// Diagrams are read by municipal staff: kinds, roles, deadlines and
// service names in the diagram's language (routine/labels.h).
std::string ResponsibleLabel(const Routine& r, const Responsible& who,
                             std::string_view lang) {
  switch (who.kind) {
    case Responsible::Kind::kReporter:
      return ReporterLabel(lang);
    case Responsible::Kind::kBatonHolder:
      return BatonHolderLabel(lang);
    case Responsible::Kind::kService: {
      const Service* s = r.FindService(who.service);
      if (s == nullptr) return who.service;
      const std::string& name = s->names.Get(lang);
      return !name.empty() ? name : !s->name.empty() ? s->name : who.service;
    }
  }
  return "";
}

// The lines shown in a step's box: "14 dager", never "P14D".
std::vector<std::string> StepLines(const Routine& r, const Step& s,
                                   std::string_view lang) {
  std::vector<std::string> lines = {s.title.Get(lang)};
  if (lines[0].empty()) lines[0] = s.id;
  std::string meta = StepKindLabel(s.kind, lang);
  if (s.kind != StepKind::kClosed)
    meta += " · " + ResponsibleLabel(r, s.responsible, lang);
  lines.push_back(meta);
  if (s.deadline.has_deadline()) {
    lines.push_back(DeadlineLabel(lang) + ": " +
                    DeadlineWords(s.deadline, lang));
  }
  return lines;
}

std::string OutcomeLabel(const Outcome& o, std::string_view lang) {
  const std::string& label = o.label.Get(lang);
  return label.empty() ? o.name : label;
}

std::set<int> Levels(const Routine& r) {
  std::set<int> out;
  for (const auto& s : r.steps) out.insert(s.level);
  return out;
}

// --- Graphviz -------------------------------------------------------------

// The body of a dot double-quoted string. A backslash must be doubled, or
// dot reads "\l", "\N" and friends as its own escapes.
std::string DotEscape(std::string_view s) {
  std::string out;
  for (char c : s) {
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        break;
      default:
        out += c;
    }
  }
  return out;
}

std::string DotQuote(std::string_view s) { return "\"" + DotEscape(s) + "\""; }

std::string DotLines(const std::vector<std::string>& lines) {
  std::string out = "\"";
  for (std::size_t i = 0; i < lines.size(); ++i) {
    if (i) out += "\\n";
    out += DotEscape(lines[i]);
  }
  return out + "\"";
}

const char* DotFill(StepKind k) {
  switch (k) {
    case StepKind::kConcern:
      return "#fff4d6";
    case StepKind::kObservation:
      return "#e8f1fb";
    case StepKind::kTeamMeeting:
      return "#e9f7ec";
    case StepKind::kAction:
      return "#f3ecfa";
    case StepKind::kEvaluation:
      return "#fdeaea";
    case StepKind::kClosed:
      return "#eeeeee";
  }
  return "white";
}

// --- Mermaid --------------------------------------------------------------

// The body of a Mermaid "..." label: quotes and HTML-significant characters
// as entity codes, line breaks as <br/>.
std::string MermaidEscape(std::string_view s) {
  std::string out;
  for (char c : s) {
    switch (c) {
      case '"':
        out += "#quot;";
        break;
      case '#':
        out += "#35;";
        break;
      case '<':
        out += "#lt;";
        break;
      case '>':
        out += "#gt;";
        break;
      case '&':
        out += "#amp;";
        break;
      case '|':
        out += "#124;";
        break;
      case '\n':
        out += "<br/>";
        break;
      case '\r':
        break;
      default:
        out += c;
    }
  }
  return out;
}

std::string MermaidLines(const std::vector<std::string>& lines) {
  std::string out = "\"";
  for (std::size_t i = 0; i < lines.size(); ++i) {
    if (i) out += "<br/>";
    out += MermaidEscape(lines[i]);
  }
  return out + "\"";
}

std::string MermaidId(std::string_view step_id) {
  return "s_" + std::string(step_id);
}

}  // namespace

std::string RenderDot(const Routine& r, std::string_view lang) {
  std::string out;
  out += "// " + r.id + " v" + std::to_string(r.version) + " (" + r.tenant +
         "), sha256 " + r.hash + "\n";
  out += "digraph " + DotQuote(r.id) + " {\n";
  out +=
      "  graph [label=" +
      DotLines({r.title.Get(lang), r.id + " " + VersionLabel(lang) + " " +
                                       std::to_string(r.version)}) +
      ", labelloc=t, fontname=\"Helvetica\", compound=true, newrank=true];\n";
  out +=
      "  node [shape=box, style=\"rounded,filled\", fontname=\"Helvetica\", "
      "fontsize=11];\n";
  out += "  edge [fontname=\"Helvetica\", fontsize=9];\n";
  out +=
      "  \"__start\" [shape=circle, label=\"\", width=0.2, style=filled, "
      "fillcolor=black];\n";

  std::string first_level0;
  for (int level : Levels(r)) {
    out += "\n  subgraph cluster_level_" + std::to_string(level) + " {\n";
    out += "    label=" + DotQuote(LevelLabel(level, lang)) + ";\n";
    out += "    style=\"rounded\"; color=\"#9aa5b1\";\n";
    for (const auto& s : r.steps) {
      if (s.level != level) continue;
      if (level == 0 && first_level0.empty()) first_level0 = s.id;
      out += "    " + DotQuote(s.id) +
             " [label=" + DotLines(StepLines(r, s, lang)) + ", fillcolor=\"" +
             DotFill(s.kind) + "\"";
      if (s.kind == StepKind::kClosed) out += ", peripheries=2";
      if (s.id == r.initial) out += ", penwidth=2";
      out += "];\n";
    }
    out += "  }\n";
  }

  out += "\n  \"__start\" -> " + DotQuote(r.initial) + ";\n";
  for (const auto& s : r.steps) {
    for (const auto& o : s.outcomes) {
      out += "  " + DotQuote(s.id) + " -> " + DotQuote(o.to) +
             " [label=" + DotQuote(OutcomeLabel(o, lang)) + "];\n";
    }
  }
  if (!first_level0.empty() && r.FindStep(r.abuse_step)) {
    out += "  " + DotQuote(first_level0) + " -> " + DotQuote(r.abuse_step) +
           " [ltail=cluster_level_0, style=dashed, color=\"#b00020\", "
           "fontcolor=\"#b00020\", "
           "label=" +
           DotQuote(SuspectedAbuseLabel().Get(lang)) + "];\n";
  }
  out += "}\n";
  return out;
}

std::string RenderMermaid(const Routine& r, std::string_view lang) {
  std::string out;
  // A comment rather than front matter: a title with ':' would need YAML
  // quoting there, and a %% line may not precede front matter.
  out += "flowchart TD\n";
  std::string title = r.title.Get(lang);
  for (char& c : title) {
    if (c == '\n' || c == '\r') c = ' ';
  }
  out += "  %% " + title + ": " + r.id + " v" + std::to_string(r.version) +
         " (" + r.tenant + "), sha256 " + r.hash + "\n";
  out += "  start((\" \")) --> " + MermaidId(r.initial) + "\n";
  for (int level : Levels(r)) {
    out += "  subgraph level" + std::to_string(level) + "[" +
           MermaidLines({LevelLabel(level, lang)}) + "]\n";
    for (const auto& s : r.steps) {
      if (s.level != level) continue;
      const std::string label = MermaidLines(StepLines(r, s, lang));
      // Closed steps get a stadium shape, the rest a box.
      out += "    " + MermaidId(s.id) +
             (s.kind == StepKind::kClosed ? "([" + label + "])"
                                          : "[" + label + "]") +
             "\n";
    }
    out += "  end\n";
  }
  for (const auto& s : r.steps) {
    for (const auto& o : s.outcomes) {
      out += "  " + MermaidId(s.id) + " -->|" +
             MermaidLines({OutcomeLabel(o, lang)}) + "| " + MermaidId(o.to) +
             "\n";
    }
  }
  if (Levels(r).count(0) && r.FindStep(r.abuse_step)) {
    out += "  level0 -.->|" + MermaidLines({SuspectedAbuseLabel().Get(lang)}) +
           "| " + MermaidId(r.abuse_step) + "\n";
  }
  out += "  classDef closed fill:#eeeeee,stroke:#555555,stroke-width:2px\n";
  std::string closed;
  for (const auto& s : r.steps) {
    if (s.kind == StepKind::kClosed)
      closed += (closed.empty() ? "" : ",") + MermaidId(s.id);
  }
  if (!closed.empty()) out += "  class " + closed + " closed\n";
  return out;
}

}  // namespace stafett::routine
