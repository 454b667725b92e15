"""Small texts the record-file and integration tests clean: spam, clean, English, and a rule
file that drops what is not Chinese."""

SPAM = "国产精品-久久久久-一区二区三区-免费视频-在线观看-无码专区\n春天来了，小区门口的樱花开得正好。\n"
CLEAN = "周末早上，很多居民带着孩子到河边散步，空气里都是青草的味道。\n"
ENGLISH = "The weather was fine and the children played by the river all afternoon.\n"
DROP_RULES = """\
version: 1
rules:
  - id: chinese-only
    kind: language
    allow: [zh]
    action: drop
  - id: spam
    kind: keyword-lines
    lexicons: [default:lexicon/spam-porn.txt]
"""
