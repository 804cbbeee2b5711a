"""Framework texts shared by the maturity tests."""

import textwrap

from maturity.framework_files import FRAMEWORKS_DIR

EXAMPLE_PATH = FRAMEWORKS_DIR / "examples" / "team-learning-pulse.yaml"

# A valid framework. Its lines, for counting: 1 code, 3 title, 4 languages, 6 sections[0],
# 8 sections[0].dimensions, 10 dimensions[0], 11 kind, 12 name, 13 levels, 14-18 levels[0..4],
# 19 items, 20 items[0] (code), 21 text, 22 response.
MINIMAL = textwrap.dedent("""\
    code: mini
    version: 1
    title: {en: Mini}
    languages: [en]
    sections:
      - code: s1
        title: {en: One}
        dimensions: [d1]
    dimensions:
      - code: d1
        kind: custom
        name: {en: D1}
        levels:
          - {level: 1, description: {en: one}}
          - {level: 2, description: {en: two}}
          - {level: 3, description: {en: three}}
          - {level: 4, description: {en: four}}
          - {level: 5, description: {en: five}}
        items:
          - code: i1
            text: {en: Item one}
            response: likert5
    """)
