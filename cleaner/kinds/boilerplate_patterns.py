"""The patterns of ``boilerplate-lines``, all matched on folded text (NFKC, lower case, Simplified).

Data, not logic: the kind and its run rules (``boilerplate_runs``) share them.
"""

from __future__ import annotations

import regex

CRUMB = regex.compile(r"\s*(?:->|>>|>|»|›|→|/)\s*")
ARROWS = regex.compile(r"\s*(?:->|>>|>|»|›|→)\s*")
LABEL = regex.compile(r"(?:^|\s)[^\s:：]{1,6}[:：]")
MARKUP = regex.compile(r"^(?:\s*<(\w+)[^>]*>\s*</\1>\s*)+$|\{\{[^{}]*\}\}")
# a line of tags only (a bullet before, a tag cut off at its end), an empty element among them
TAGS_ONLY = regex.compile(r"^[•·*\-\s]*(?:</?[a-z][a-z0-9]*\b[^<>]*>\s*)+(?:</?[a-z]*)?$", regex.IGNORECASE)
EMPTY_ELEMENT = regex.compile(r"<([a-z][a-z0-9]*)\b[^<>]*>\s*</\1>", regex.IGNORECASE)
# an image's data URL where the image was (<image>data:image/png;base64,…)
IMAGE_DATA = regex.compile(r"^\s*(?:<(?:img|image)\b[^<>]*>\s*)?data:image/", regex.IGNORECASE)
BAR = regex.compile(r"\s*[|｜•·]\s*|\s{2,}")
COPYRIGHT = regex.compile(
    r"©|\(c\)\s*\d{4}|copyright\s*(?:©|\(c\)|\d{4})|all rights reserved"
    r"|版权所有|著作权所有|版权归|icp备\s*\d|icp证|icp\s*no|公网安备|增值电信业务"
    r"|(?:主办|承办|协办|指导)单位\s*[:：]|技术支持\s*[:：]|\s主办$|许可证编号|网站标识码"
    # a value-added telecom licence number (京B2-20090001), a site builder's credit
    r"|(?<![a-z])[京津沪渝冀晋辽吉黑苏浙皖闽赣鲁豫鄂湘粤琼川贵云陕甘青蒙桂藏宁新]b2-\d{6,8}"
    r"|^(?:网站|网页)(?:建设|设计|制作|维护|开发|运维)(?:与维护|维护|制作)?\s*[:：]\s*[^。，,；;！!？?]{1,24}(?:公司|科技|网络|信息|工作室|传媒|集团|中心|网)$"
)
# site notices: disclaimers, browser and cookie advice, pagination
NOTICE = regex.compile(
    r"不代表.{0,16}(?:观点|立场)|仅代表.{0,12}观点|如有侵权.{0,12}(?:联系|删除)|版权归原作者"
    r"|(?:最佳|建议).{0,16}(?:浏览器|分辨率|解析度)|为达至?最佳的?(?:浏览|阅读|观看)(?:效果|体验)|^第\s*\d+\s*页\s*/?\s*共\s*\d+\s*页$|^共\s*\d+\s*页"
    # comment boxes' house rules: 请文明发言, 您的观点仅代表您本人
    r"|文明发言|理性发言|文明上网|观点仅代表(?:您|你)?(?:本人|个人)"
    # download sites: where the files come from, how to get them
    r"|信息存储空间|如需下载|下载后.{0,8}小时内.{0,4}删除|下载(?:文档|资源)?前请自行甄别|仅部分预览|系统不会自动发送"
    r"|(?:快捷|免费)下载时|(?:文档|资源)侵犯(?:了)?您的(?:权益|版权)|本站(?:所有|全部)?(?:资源|内容|文章|文档).{0,24}(?:来源|来自|收集|转载|网友|用户|网络|仅供)"
    r"|(?:您的|您使用的|当前)浏览器.{0,16}(?:版本|不支持|升级|兼容|过低|过旧)|不支[持援].{0,10}浏览器"
    r"|browser (?:does not|doesn't|is not|isn't|may not)(?: appear to)? (?:support|supported|up to date)"
    r"|(?:请|推荐)(?:使用|用).{0,24}浏览器.{0,8}(?:访问|浏览|打开)"
    r"|(?:分辨率|解析度).{0,8}\d{3,4}\s*[x×*]\s*\d{3,4}|\d{3,4}\s*[x×*]\s*\d{3,4}.{0,8}(?:分辨率|解析度)"
    # news-site reprint notices, WeChat follow prompts
    r"|凡本(?:网|站)注明|转载自其[它他]媒体|转载目的在于传递更多信息|转载请(?:注明|附上|保留)(?:原文)?(?:出处|来源|链接)"
    # a disclaimer line, user posts' disclaimers, investment-risk and game-health notices
    r"|^(?:免责声明|版权声明|法律声明|本站声明)\s*[:：]|文责自负|提示\s*[:：]\s*投资有风险|抵制不良游戏"
    # comment forms (WordPress), wiki edit stamps, a code block's toolbar
    r"|电子邮件地址不会(?:被)?公开|必填(?:栏位|项|字段)(?:已)?(?:标示|标记)为|edited this page|view plain\s*copy"
    r"|未经(?:许可|授权|同意).{0,10}(?:不得|禁止|严禁|请勿)(?:转载|复制|镜像)"
    r"|点击(?:上方|下方|左下角|右上角|右下角).{0,12}(?:关注|阅读原文|在看|分享|星标)|(?:点个|点一下|点亮)在看"
    # documentation sites and exporters' English pages
    r"|翻译.{0,12}(?:仍在进行|可能不准确|可能过时|尚未完成)|请(?:访问|参阅|查看)英文(?:文档|版)"
    r"|interested in our products|(?:send|leave)\s+(?:us\s+)?(?:an?\s+)?(?:inquiry|message)"
    # age gates, font-size selectors (大 中 小), slide captions (讲义.ppt_第3页)
    r"|(?:年满|已满|未满)\s*18\s*周?岁.{0,30}(?:进入|离开|本站|本网站|浏览)|(?:本站|本网站|进入).{0,30}(?:年满|已满|未满)\s*18\s*周?岁"
    r"|需满\s*18\s*周?岁.{0,8}(?:方可|才能|才可)|^未满\s*18\s*周?岁\W*$|不同意本条款.{0,4}离开|网路内容分级"
    # a browser upgrade prompt: 请至Chrome官网下载
    r"|(?<![a-z])(?:edge|firefox|chrome|google|safari|ie)\s*官网下载"
    r"|字[体号][:：]?[\[【(]?大中小(?![学型企城规])|^[\[【(]?大中小[\]】)]?$"
    r"|\.(?:pptx?|docx?|pdf|xlsx?)\s*[_\-—]\s*第\s*\d+\s*页|还剩\s*\d+\s*页未读"
    # forum software footers and edit stamps, IPv6 badges
    r"|本帖最后由.{1,40}于\s*\d{4}.{0,24}编辑|processed in [\d.]+ s(?:econd)?|gmt[+-]\d{1,2}\s*,\s*\d{4}-\d"
    r"|^(?:本站|本网站|网站)已?支持\s*ipv6\S{0,4}$"
)
# consent banners (cookies, a privacy policy to accept): a privacy policy's own numbered clauses are content
CONSENT = regex.compile(
    r"cookie.{0,30}(?:使用|启用|接受|关闭|同意)|(?:使用|启用|接受|关闭|同意).{0,30}cookie"
    r"|隐私权?(?:政策|声明|规范|条款|保护政策).{0,30}(?:同意|接受)|(?:同意|接受).{0,16}隐私权?(?:政策|声明|规范|条款)"
    r"|(?:关闭|离开)此?(?:视窗|窗口|页面).{0,6}(?:代表|表示|即)(?:您|你)?同意"
    r"|我们致力于保护(?:您|你)的(?:个人|隐私)|欧盟.{0,12}(?:个人资料|数据)保护"
)
# short widget lines: reading time and word count, weather, an image placeholder
GADGET = regex.compile(
    r"(?:全文|本文)?(?:共|约)\s*[\d,]+\s*字[,，\s]|(?:需|约|预计)(?:浏览|阅读)?(?:时间|时长)?[:：]?\s*\d+\s*分钟"
    r"|(?:阅读|浏览)(?:需要|时长|时间|约)[:：]?\s*约?\s*\d+\s*分钟|^字数[:：]?\s*[\d,]+"
    r"|^[\d,.]+\s*万?\s*(?:人|次)\s*(?:浏览|阅读|围观|看过|点击|收藏|点赞|评论|播放|下载)"
    r"|-?\d{1,2}\s*°c?\s*[~\-/至]\s*-?\d{1,2}\s*°c|-?\d{1,2}\s*[~\-/至]\s*-?\d{1,2}\s*°c"
    r"|[(（]\s*[必选]填\s*[)）]|审核中.{0,4}请稍"
    # an ad slot's caption (广告 请继续往下阅读); a download site's file facts (格式:PDF 页数:23 大小:1.2MB)
    r"|^(?:我是)?广告\s*\S{0,10}(?:继续|往下)(?:阅读|浏览|观看)"
    r"|(?:格式|类型)\s*[:：]\s*(?:docx?|pptx?|pdf|xlsx?|txt|rar|zip|wps|caj)\b|(?:大小|文件大小)\s*[:：]\s*[\d.]+\s*[kmg]b"
    r"|页数\s*[:：]\s*\d+|下载(?:积分|点数|所需积分)\s*[:：]\s*\d"
    # empty widgets and their buttons: 暂无相关内容, 我要发布
    r"|^(?:暂无|暂时没有|还没有)\S{0,12}(?:内容|数据|评论|记录|信息|文章|资料|回复|留言|活动)$"
    r"|^我要(?:发布|投稿|评论|提问|回答|报名|咨询|留言|纠错|下载|分享|举报|加入|入驻|推广|开店)\S{0,10}$"
    r"|^(?:已有|共有?)\s*[\d,]+\s*(?:人|位|条|次)\s*(?:参与|评论|阅读|浏览|围观|点赞|收藏|回复|关注|看过|下载|点评)\S{0,6}$"
    r"|^共?\s*[\d,]+\s*(?:条|个)(?:评论|回复|留言|点评|回帖|回答)$|^被浏览\s*[\d,.]+\s*万?\s*次?$"
    r"|^查看\s*\S{1,20}\s*的\s*(?:主题|帖子|回帖|回贴|资料|博客|相册|日志)\s*(?:[/|]\s*\S{1,4}\s*)*$"
    r"|^(?:please\s+)?(?:select|choose)\s+(?:your\s+|the\s+|a\s+)?(?:\w+\s+)?(?:country|region|language)[^.]*$"
    r"|^(?:file|image|img|pic|picture|photo|(?:header |site |footer )?logo"
    r"|图片|图像|点击查看大图|查看大图|点击看大图|点击图片查看原图|\[图片\]|\[img\])$"
    # icons' alt text, a close or like button, a page number between dashes (— 3 —), a forum floor (12#)
    r"|^(?:arrow|icon|\+1|[✕✖])$|^[•·]?\s*[-—―–]+\s*\d{1,4}\s*[-—―–]+$|^\d{1,5}\s*#$"
    # a loading placeholder: 数据加载中……, loading...
    r"|^(?:数据|内容|页面|图片|评论)?(?:正在)?加载中\W*$|^loading\W*$"
    # an image's file name where the image was (照片3.jpg, img_2041.png)
    r"|^[^\s/]{1,60}\.(?:jpe?g|png|gif|webp|bmp|svg)$"
    # a welcome banner, a login prompt, a notification badge
    r"|^(?:hi|您好|你好)?[,!\s]*欢迎(?:您|你)?(?:来到|访问|光临|登录|登陆)[^\s,;。!?]{0,24}[!。.]?$"
    r"|^\S{0,20}欢迎(?:您|你)(?:登录|登陆|回来)[!。.]?$|需要\s*登[录陆]\s*(?:后\s*)?才(?:可以|能)"
    r"|^您有\s*\d+\s*条\S{0,6}(?:信息|消息|通知|提醒|询盘)[!。.]?$"
)
COUNTER = regex.compile(
    r"(?:浏览|阅读|点击|点阅|访问|查看|人气|热度|回复|评论|点赞|收藏|分享|下载|播放|围观)(?:次数|人数|人次|量|数)?\s*[:：]?\s*[\d,]+\s*(?:次)?\s*(?:[|/].*)?$"
)
# a line of counters only: 阅读(123) 评论(0) | 赞 12
# a dashboard's figure: a big number glued before its label (377947万累计金额, 3000+ 合作客户),
# not a year or a list number
STAT = regex.compile(
    r"^(?!(?:19|20)\d\d\D)(?:\d{3,}|\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?\s*[万亿]|\d+\s*\+)\+?\s*\p{Han}{2,10}$"
)
# a line of three or more counters: 随笔 - 1469, 文章 - 0, 评论 - 661
STATS = regex.compile(r"^\p{Han}{1,6}\s*[-:：]\s*\d+(?:\s*[,，|/·]\s*\p{Han}{1,6}\s*[-:：]\s*\d+){2,}$")
COUNTERS = regex.compile(
    r"^(?:(?:浏览|阅读|点击|访问|查看|人气|热度|回复|评论|点赞|赞同|赞|踩|收藏|分享|下载|播放|围观|关注|粉丝)(?:次数|人数|量|数)?"
    r"\s*[:：(]?\s*[\d,.]+\s*[万wk]?\s*\)?\s*(?:次|人)?\s*[|/·]?\s*)+$"
)
LIST_MARK = regex.compile(r"^(?:\d{1,3}|[a-z])\s*[.、)]\s*(?=\S)")  # 1. | : a list item's number, its text elsewhere
SEPARATOR = regex.compile(r"^[\p{P}\p{S}\s]*(?:t\s?o\s?p|more|end)?[\p{P}\p{S}\s]*$")
# an ellipsis, code braces, a Markdown table rule or code fence: punctuation-only lines that are content
KEEP_PUNCT = regex.compile(
    r"^(?:[.…。·]{2,}|[(){}\[\];,<>/\\]+|\|?(?:\s*:?-{3,}:?\s*\|)+\s*:?-*:?\s*|(?:`{3,}|~{3,})\w*)$"
)
SENTENCE_END = regex.compile(r"[。！？!?]\s*$|[。！？]\s*\S")  # prose about copyright is not a copyright line
CLAUSE = regex.compile(r"[。，！？；]|[,!?;](?![\w=&/%.-])", regex.ASCII)  # not the ? of a URL
BODY_PUNCT = regex.compile(r"[。，,!?！？；;：:]")
PREV_NEXT = regex.compile(
    r"^(?:上一篇|下一篇|上一条|下一条|上一页|下一页|上篇|下篇|previous|next|이전글|다음글|前の记事|次の记事)"
    r"\s*(?:文章|post|article)?\s*[:：|]"
)
TAG_TAIL = regex.compile(r"[a-z][a-z0-9+#.\-]{1,15}")  # 。javascript: a site's tag glued to the text
RELATED = regex.compile(r"^\s*[-•·*]\s*\[[^\]]{1,6}\]")
HANGUL = regex.compile(r"\p{Hangul}")
HAN = regex.compile(r"\p{Han}")
# brackets, colons, bars are no words in a widget ([ 打印 ], 【字体:); 《书名》 keeps its marks
WORDLESS = regex.compile(r"[\s\[\]【】〖〗()（）<>«»:：|…]+")
NUMBERED = regex.compile(r"^(?:\d+[.、)]|第|step|[一二三四五六七八九十]+、)")
# a template's field left empty: its value was a link or an image (来源:, 点击:, Category :);
# 作者: stays, the name may stand on the next line
EMPTY_FIELD = regex.compile(
    r"^\W?(?:来源|点击|点击数|点击量|浏览|浏览次数|阅读|阅读数|人气|分类|栏目|所属栏目|标签|category|categories|tags?|source)\s*[:：]$"
)
LABEL_ONLY = regex.compile(r"^\W?[^\s:：]{1,8}\s*[:：]$")  # 邮箱: whose value was an image
FIELD = regex.compile(r"^([^\s:：]{1,8})\s*[:：]\s*\S.{0,40}$")
RELATED_HEAD = regex.compile(
    r"相关|热门|热点|推荐|最新|猜你|延伸|扩展|拓展|排行|精彩|大家都在|为你|为您|看了又看|同类|其他|往期|近期|随机"
)
# a business describing itself: its name, what it is, what it offers (on folded text)
BUSINESS = regex.compile(
    r"有限公司|分公司|旗下|服务商|供应商|供应平台|制造商|生产厂家|厂家直销|专业(?:生产|从事|提供|制造)"
    r"|为(?:企业|客户|您)提供|官方网站|\bco\.?,?\s*ltd\b|\b(?:limited|inc|corporation)\.?$"
)
VOICE = regex.compile(r"[我你他她了吧呢啊着哟吗呀]")  # a line that speaks: a song's or a poem's, not a menu's
NOTICE_HEAD = regex.compile(r"(?:须知|声明|条款)\W*$")  # 下载须知, 免责声明: when removed, a notice's heading
CLAUSE_NUMBER = regex.compile(r"^(?:\d{1,2}\s*[.、:：)）]|[(（]\d{1,2}[)）]|[一二三四五六七八九十]{1,3}[、.])")
FIELDS_WHY = "profile fields: a run of furniture label: value lines"
RELATED_WHY = "related list: short titles under a related/hot heading"
TITLE_STOP = regex.compile(r"[。；;]|[!?！？]\s*\S|[:：]$")  # a sentence (a title may end in ?), or a new part
MENU_LABEL = regex.compile(r"^(?!关键|關鍵|[Kk]eyword)[^\s:：]{1,4}\s*[:：]\s*")  # 开发: …, not 关键词:
LOCATION = regex.compile(r"^(?:您|你)?(?:当前|现在|目前)?(?:的|所在的?)?位置\s*[:：]")
MORE_ALONE = regex.compile(r"^(?:更多|查看更多|more)\W*$")  # also after a list number: 1. 更多
MORE_LINK = regex.compile(r"^(?:更多|查看更多|查看全部|点击查看|点击进入|进入)(?![的是了])")
NUMBERS = regex.compile(r"^[\d\s,]+$")  # 356 2: counters whose labels were images
DATE = regex.compile(r"\d{4}\s*[-/.年]\s*\d{1,2}|\d{1,2}\s*[:：]\s*\d{2}")
URL_LINE = regex.compile(r"^(?:https?://|www\.)\S+$")
COUNT_BADGE = regex.compile(r"[(（]\d{0,4}[)）]")
BYLINE_VALUE = regex.compile(r"[:：\d]|\S\s+\S")  # a byline names someone or a date
PHRASE, MENU = "phrase", "menu"  # lexicon tags: furniture phrases, and words that only count in menus
BYLINE = regex.compile(r"作者|来源|记者|编辑|责编|发布|发表|日期|author|source|posted|published")
