package reporttest

// HostileDescriptions are descriptions that try to reach a reader's page
// as live HTML: raw HTML around code fences closed in every way CommonMark
// allows, javascript:, vbscript: and data: links in every disguise, HTML
// in link texts and titles, tables and lists.
var HostileDescriptions = []string{
	// issue 9 #1: a closing fence followed by spaces.
	"Intro\n\n```\ncode\n```  \n<script>alert(1)</script>\n",
	"```\ncode\n```\t\n<img src=x onerror=alert(1)>",
	"~~~\n<script>\n~~~~  \n<script>alert(1)</script>",
	"   ```\ncode\n   ```\n<script>alert(1)</script>",
	"```\n<div>",
	"``` \n<script>\n``` \n<b onclick=alert(1)>x</b>",
	"- item\n\n  ```\n  x\n  ```  \n  <script>alert(1)</script>",
	"> ```\n> x\n> ```  \n> <script>alert(1)</script>",
	"<div onclick=alert(1)>\n*x*\n</div>",
	"<script>\n\nalert(1)\n\n</script>",
	"<!-- c --> <?php x ?> <![CDATA[x]]> <!X>",
	"a <img src=x onerror=alert(1)> b <scrIpt>x</scrIpt>",
	"\\<script>alert(1)\\</script> &lt;script&gt; &#60;b&#62;",
	"`` <script>` `` ``` `` ```",
	"| a | b |\n|---|---|\n| <script>alert(1)</script> | `x\\|<b>` |",
	"*<b>x</b>* **<i onmouseover=alert(1)>y</i>** ~~<u>z</u>~~",
	"[x](javascript:alert(1)) [x](JAVASCRIPT:alert(1)) [x](<java script:alert(1)>)",
	"[x](java&#x09;script:alert(1)) [x](&#106;avascript:alert(1)) [x](javascript\\&#58;alert(1))",
	"[x](&#x6A;&#x61;vascript&colon;alert(1)) [x](javas&#99;ript:alert(1) \"t\")",
	"[x](vbscript:msgbox) [x](data:text/html;base64,PHNjcmlwdD4=) [x](DATA:text/html,<script>)",
	"![x](data:image/svg+xml,<svg/onload=alert(1)>) ![x](data:image/png;base64,AAAA) ![y](javascript:x)",
	"<javascript:alert(1)> <vbscript:x> <data:text/html,x> <JavaScript:alert(1)>",
	"[x][r] [r]\n\n[r]: javascript:alert(1)",
	"[<img src=x onerror=alert(1)>](http://example.com \"<script>\") [a](http://x \"\\\" onmouseover=\\\"alert(1)\")",
	"[x](http://x/?a=1&b=2&amp;c=&#106;) [y](#frag) [z](../rel path.md)",
	"\\![x](javascript:alert(1)) &\\amp; &#32;&#32;&#32;&#32;code",
	"1. <b>x</b>\n2. y\n\n- [ ] <i>t</i>\n- [x] done",
	"Line one  \nline <b>two</b>\\\nthree\n---\n\nSetext <i>\n===",
	"    <script>indented</script>\n\n\t<b>tab</b>",
	"www.example.com/<script> http://x.y/<b>z</b> a@b.co",
}
