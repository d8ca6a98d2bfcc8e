/**
 * Word and WPS paste office markup (mso styles, <o:p>, conditional comments, fonts, classes).
 * The editor's schema keeps only paragraphs, h2/h3, bold, italic, lists, quotes and links — all of
 * which the server's sanitiser (libs/story sanitize-body) allows — but it parses the HTML first,
 * so the noise is dropped here to keep Word's empty paragraphs and stray styles out.
 */
export function cleanPastedHtml(html: string): string {
  return (
    html
      .replace(/<!--\[if[\s\S]*?<!\[endif\]-->/gi, '')
      .replace(/<!--[\s\S]*?-->/g, '')
      .replace(/<style[\s\S]*?<\/style>/gi, '')
      .replace(/<script[\s\S]*?<\/script>/gi, '')
      .replace(/<\/?(o|w|v|m|st1):[^>]*>/gi, '')
      .replace(/<\/?(font|span)[^>]*>/gi, '')
      // Event handlers never run (the CSP forbids inline script), but the browser would still report them.
      .replace(/\son[a-z]+=("[^"]*"|'[^']*'|[^\s>]+)/gi, '')
      .replace(/\s(class|style|lang|align|face|size|color|id)=("[^"]*"|'[^']*'|[^\s>]+)/gi, '')
      .replace(/<p[^>]*>(\s|&nbsp;|<br\s*\/?>)*<\/p>/gi, '')
  );
}
