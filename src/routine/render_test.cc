// Rendering (render.cc, render_json.cc): levels as clusters or subgraphs,
// outcomes as labelled edges, deadlines on the nodes, and escaping that
// survives quotes, backslashes, newlines and Sami letters.
#include "routine/render.h"

#include <gtest/gtest.h>

#include "routine/loader.h"
#include "routine/test_fixtures.h"

namespace stafett::routine {
namespace {

using testing::Fixture;

std::shared_ptr<const Routine> Load(const std::string& text) {
  LoadResult r = LoadRoutineText(text, "f.yaml");
  EXPECT_TRUE(r.ok()) << (r.diagnostics.empty() ? ""
                                                : r.diagnostics[0].ToString());
  return r.routine;
}

std::shared_ptr<const Routine> Shipped(const std::string& name) {
  LoadResult r =
      LoadRoutineFile(std::string(STAFETT_SOURCE_DIR) + "/workflows/" + name);
  EXPECT_TRUE(r.ok());
  return r.routine;
}

// Titles and labels that break naive escaping, in block scalars so YAML
// itself does not get in the way.
const std::string kAwkward = Fixture(
    "  - id: start\n"
    "    kind: concern\n"
    "    level: 0\n"
    "    title:\n"
    "      nb: 'Sier \"hei\" \\ og <b>#1</b> | a & b'\n"
    "      se: \"Áicat ja ŋ\\nšŧžđč\"\n"
    "    responsible: reporter\n"
    "    deadline: {working_days: 10}\n"
    "    outcomes:\n"
    "      - name: a\n"
    "        to: slutt\n"
    "        label: 'Ferdig \"nå\"'\n");

TEST(RenderTest, DotHasOneClusterPerLevelEdgeLabelsAndDeadlines) {
  auto r = Shipped("bti.yaml");
  ASSERT_TRUE(r);
  std::string dot = RenderDot(*r);
  for (int level = 0; level <= 3; ++level) {
    std::string n = std::to_string(level);
    EXPECT_NE(dot.find("subgraph cluster_level_" + n + " {\n    label=\"Nivå " +
                       n + "\";"),
              std::string::npos)
        << n;
  }
  EXPECT_NE(dot.find("\ndigraph \"bti\" {\n"), std::string::npos);
  EXPECT_NE(dot.find("\"evaluering_niva1\" -> \"samtykke_niva2\" [label=\"Opp "
                     "til nivå 2\"];"),
            std::string::npos);
  EXPECT_NE(dot.find("\"evaluering_niva2\" -> \"niva1_planlegg\" [label=\"Ned "
                     "til nivå 1\"];"),
            std::string::npos);
  EXPECT_NE(
      dot.find(
          "\"undring_registrert\" [label=\"Undring registrert\\nbekymring · "
          "melder\\nfrist: 14 dager\""),
      std::string::npos);
  EXPECT_NE(dot.find("\"__start\" -> \"undring_registrert\";"),
            std::string::npos);
  // The abuse shortcut leaves the level-0 cluster, dashed.
  EXPECT_NE(
      dot.find("-> \"meldt_barnevern\" [ltail=cluster_level_0, style=dashed"),
      std::string::npos);
  // A closed step has no deadline line.
  EXPECT_NE(dot.find("\"avsluttet\" [label=\"Avsluttet\\navsluttet\""),
            std::string::npos);
}

TEST(RenderTest, DotShowsWorkingDaysAndOnlyTheLevelsInUse) {
  auto r = Load(testing::Fixture(
      "  - {id: start, kind: concern, level: 0, title: S, responsible: "
      "reporter, "
      "deadline: {working_days: 14}, outcomes: [{name: a, to: slutt}]}\n"));
  ASSERT_TRUE(r);
  std::string dot = RenderDot(*r);
  EXPECT_NE(dot.find("frist: 14 virkedager"), std::string::npos);
  EXPECT_NE(dot.find("cluster_level_3"), std::string::npos);  // meld
  EXPECT_EQ(dot.find("cluster_level_1"), std::string::npos);
  EXPECT_EQ(dot.find("cluster_level_2"), std::string::npos);
}

TEST(RenderTest, DotEscapesQuotesBackslashesAndNewlines) {
  auto r = Load(kAwkward);
  ASSERT_TRUE(r);
  std::string dot = RenderDot(*r);
  EXPECT_NE(
      dot.find(
          "[label=\"Sier \\\"hei\\\" \\\\ og <b>#1</b> | a & b\\nbekymring"),
      std::string::npos)
      << dot;
  EXPECT_NE(dot.find("[label=\"Ferdig \\\"nå\\\"\"]"), std::string::npos);
  std::string se = RenderDot(*r, "se");
  EXPECT_NE(se.find("[label=\"Áicat ja ŋ\\nšŧžđč\\n"), std::string::npos) << se;
}

TEST(RenderTest, MermaidHasASubgraphPerLevelAndLabelledEdges) {
  auto r = Shipped("nesseby.yaml");
  ASSERT_TRUE(r);
  std::string m = RenderMermaid(*r);
  EXPECT_EQ(m.rfind("flowchart TD\n", 0), 0u);
  for (int level = 0; level <= 3; ++level) {
    std::string n = std::to_string(level);
    EXPECT_NE(m.find("  subgraph level" + n + "[\"Nivå " + n + "\"]\n"),
              std::string::npos);
  }
  EXPECT_NE(m.find("s_evaluering -->|\"Opp til nivå 2\"| s_nettverksmote"),
            std::string::npos);
  EXPECT_NE(m.find("s_undring[\"Undring registrert<br/>bekymring · "
                   "melder<br/>frist: 7 dager\"]"),
            std::string::npos);
  EXPECT_NE(m.find("level0 -.->|"), std::string::npos);
  EXPECT_NE(RenderMermaid(*r, "se").find("Fierpmádatčoahkkin"),
            std::string::npos);
}

TEST(RenderTest, MermaidEscapesLabelsAndPrefixesIds) {
  auto r = Load(kAwkward);
  ASSERT_TRUE(r);
  std::string m = RenderMermaid(*r);
  EXPECT_NE(m.find("s_start[\"Sier #quot;hei#quot; \\ og "
                   "#lt;b#gt;#35;1#lt;/b#gt; #124; a "
                   "#amp; b<br/>bekymring"),
            std::string::npos)
      << m;
  EXPECT_NE(m.find("-->|\"Ferdig #quot;nå#quot;\"| s_slutt"),
            std::string::npos);
  EXPECT_NE(RenderMermaid(*r, "se").find("Áicat ja ŋ<br/>šŧžđč<br/>"),
            std::string::npos);
}

TEST(RenderTest, JsonHasTheContractsKeys) {
  auto r = Shipped("bti.yaml");
  ASSERT_TRUE(r);
  std::string j = RenderJson(*r);
  for (const char* key :
       {"\"id\":\"bti\"",
        "\"version\":2",  // bti v2: issue 12
        "\"tenant\":\"demo\"",
        "\"hash\":\"",
        "\"initial\":\"undring_registrert\"",
        "\"abuse_step\":\"meldt_barnevern\"",
        "\"title\":\"Handlingsveileder",
        "\"title_i18n\":{\"en\":",
        "\"reference_prefix\":\"DEMO\"",
        "\"services\":[{\"id\":\"solsikken_barnehage\"",
        "\"kind\":\"kindergarten\"",
        "\"steps\":[{\"id\":\"undring_registrert\",\"kind\":\"concern\","
        "\"level\":0",
        "\"responsible\":\"reporter\"",
        "\"deadline\":\"P14D\"",
        "\"deadline_spec\":{\"kind\":\"calendar\",\"duration\":\"P14D\"}",
        "\"requires\":[",
        "\"outcomes\":[{\"name\":\"describe\",\"to\":\"konkretisert\"",
        "\"tags\":{\"sjumilssteget\":[1],\"uncrc\":[12]}",
        "\"secret_env\":\"STAFETT_WEBHOOK_SECRET_BARNEVERN\"",
        "\"settings\":{\"approaching_lead\":\"P2D\",\"escalation_grace\":"
        "\"P7D\""}) {
    EXPECT_NE(j.find(key), std::string::npos) << key;
  }
  EXPECT_NE(j.find("\"hash\":\"" + r->hash + "\""), std::string::npos);
  // Closed steps have no deadline.
  EXPECT_NE(j.find("{\"id\":\"avsluttet\",\"kind\":\"closed\",\"level\":0,"
                   "\"title\":\"Avsluttet\","
                   "\"title_i18n\":{\"en\":\"Closed\",\"nb\":\"Avsluttet\"},"
                   "\"responsible\":"
                   "\"reporter\",\"deadline\":null,\"deadline_spec\":null,"
                   "\"requires\":[],"
                   "\"outcomes\":[]"),
            std::string::npos);
}

TEST(RenderTest, JsonGivesWorkingDaysAndEscapes) {
  auto r = Load(kAwkward);
  ASSERT_TRUE(r);
  std::string j = RenderJson(*r);
  EXPECT_NE(
      j.find("\"deadline\":\"10 working days\",\"deadline_spec\":{\"kind\":"
             "\"working_days\",\"working_days\":10}"),
      std::string::npos);
  EXPECT_NE(j.find("\"title\":\"Sier \\\"hei\\\" \\\\ og <b>#1</b> | a & b\""),
            std::string::npos)
      << j;
  EXPECT_NE(j.find("\"se\":\"Áicat ja ŋ\\nšŧžđč\""), std::string::npos);
  EXPECT_NE(j.find("\"label\":\"Ferdig \\\"nå\\\"\""), std::string::npos);
  // A field or outcome without a label: null, not "".
  auto plain = Load(testing::Fixture(testing::kStart));
  EXPECT_NE(RenderJson(*plain).find("\"label\":null,\"label_i18n\":{}"),
            std::string::npos);
}

TEST(RenderTest, OutputIsDeterministic) {
  auto r = Shipped("storby.yaml");
  ASSERT_TRUE(r);
  EXPECT_EQ(RenderDot(*r), RenderDot(*r));
  EXPECT_EQ(RenderMermaid(*r), RenderMermaid(*Shipped("storby.yaml")));
  EXPECT_EQ(RenderJson(*r), RenderJson(*Shipped("storby.yaml")));
}

}  // namespace
}  // namespace stafett::routine
