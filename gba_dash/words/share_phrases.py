"""The words of "Share this view" (link, QR code, embed), as (English, Simplified Chinese,
Traditional Chinese), merged into ``phrases.TEXT``."""

from __future__ import annotations

SHARE: dict[str, tuple[str, str, str]] = {
    "share_view": ("Share this view", "分享此视图", "分享此檢視"),
    "share_link_caption": (
        "The link opens this exact view: filters, selection, metric and language.",
        "此链接打开的就是当前视图：筛选、选中站点、指标和语言。",
        "此連結打開的就是目前檢視：篩選、選中站點、指標和語言。",
    ),
    "share_local": (
        "This link is local: it opens only on this computer or its network. A deployer sets"
        " {env} to the page's public address to share links, QR codes and embeds that open anywhere.",
        "此链接是本地链接：只能在本机或其所在网络打开。部署者设置 {env} 为页面的公开地址后，"
        "分享的链接、二维码和嵌入代码才能在任何地方打开。",
        "此連結是本機連結：只能在本機或其所在網路打開。部署者設定 {env} 為頁面的公開位址後，"
        "分享的連結、QR 碼和嵌入代碼才能在任何地方打開。",
    ),
    "public_url_bad": (
        "The public address is misconfigured ({error}); links use the local address.",
        "公开地址配置有误（{error}）；链接使用本地地址。",
        "公開位址設定有誤（{error}）；連結使用本機位址。",
    ),
    "copy_link": ("Copy link", "复制链接", "複製連結"),
    "copy_done": ("Link copied.", "链接已复制。", "連結已複製。"),
    "copy_failed": (
        "The browser did not allow copying: select the link above and copy it.",
        "浏览器不允许复制：请选中上面的链接后复制。",
        "瀏覽器不允許複製：請選取上面的連結後複製。",
    ),
    "qr_title": ("QR code of the link to: {sentence}", "链接二维码：{sentence}", "連結 QR 碼：{sentence}"),
    "qr_caption": (
        "Scan to open this view on a phone.",
        "扫码在手机上打开此视图。",
        "掃碼在手機上打開此檢視。",
    ),
    "qr_download": ("QR code (SVG)", "二维码（SVG）", "QR 碼（SVG）"),
    "embed_caption": (
        "Embed this view in another page:",
        "将此视图嵌入其他网页：",
        "將此檢視嵌入其他網頁：",
    ),
}
