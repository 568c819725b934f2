import { describe, expect, it } from 'vitest';
import { decodeEntities, htmlToText } from './htmlToText.ts';

describe('htmlToText', () => {
  it('collapses whitespace like a browser and ends lines at blocks and <br>', () => {
    const html = `<div>
        Hello
        <b>world</b>,  how
        are you?</div><div>Second<br>line<br/>third</div>`;
    expect(htmlToText(html)).toBe('Hello world, how are you?\nSecond\nline\nthird');
  });

  it('separates paragraphs and headings by a blank line and keeps <div><br></div> as one', () => {
    expect(htmlToText('<h1>Title</h1><p>One</p><p>Two</p>')).toBe('Title\n\nOne\n\nTwo');
    expect(htmlToText('<div>Hi,</div><div><br></div><div>Thanks</div>')).toBe('Hi,\n\nThanks');
  });

  it('keeps an Outlook MsoNormal paragraph per line and &nbsp; paragraphs as blank lines', () => {
    const html =
      '<p class=MsoNormal>Line one<o:p></o:p></p><p class=MsoNormal>Line two<o:p></o:p></p>' +
      '<p class=MsoNormal><o:p>&nbsp;</o:p></p><p class=MsoNormal>After a gap<o:p></o:p></p>';
    expect(htmlToText(html)).toBe('Line one\nLine two\n\nAfter a gap');
  });

  it('writes list items with bullets, numbers (from start=) and indentation', () => {
    const html =
      '<p>Steps:</p><ol start="3"><li>Open</li><li>Save<ul><li>twice</li></ul></li></ol><ul><li>a</li><li>b</li></ul><p>Done</p>';
    expect(htmlToText(html)).toBe('Steps:\n\n3. Open\n4. Save\n  - twice\n\n- a\n- b\n\nDone');
  });

  it('decodes named, decimal and hexadecimal entities and leaves unknown ones', () => {
    expect(
      htmlToText(
        '<p>&lt;a&gt; &amp; &quot;b&quot; &#39;c&#39; &eacute;t&eacute; &euro;5 &#x1F600; &bogus; AT&T</p>',
      ),
    ).toBe('<a> & "b" \'c\' été €5 😀 &bogus; AT&T');
    expect(decodeEntities('&#0; &#xD800; &#x110000;')).toBe('\ufffd \ufffd \ufffd');
    expect(decodeEntities('caf&eacute;&shy;s &copy')).toBe('café\u00ads &copy');
  });

  it('drops scripts, styles, the title, comments and Outlook conditional comments', () => {
    const html =
      '<html><head><title>Mail</title><style>p { color: red; }</style><!--[if gte mso 9]><xml><o:x>1</o:x></xml><![endif]--></head>' +
      '<body><script>alert("x")</script><p>Visible</p><!-- hidden --></body></html>';
    expect(htmlToText(html)).toBe('Visible');
  });

  it('keeps the whitespace of <pre>', () => {
    expect(htmlToText('<p>Log:</p><pre>line 1\n  indented\r\nline 3</pre><p>end</p>')).toBe(
      'Log:\n\nline 1\n  indented\nline 3\n\nend',
    );
  });

  it('puts table cells of a row on one line', () => {
    expect(
      htmlToText(
        '<table><tr><td>Serial</td><td>SN-123</td></tr><tr><td>Firmware</td><td>4.2</td></tr></table>',
      ),
    ).toBe('Serial SN-123\nFirmware 4.2');
  });

  it('reads attributes with ">" inside quotes and tags in any case', () => {
    expect(htmlToText('<DIV TITLE="a > b">One</DIV><Div class=\'x>y\'>Two</dIV>')).toBe('One\nTwo');
  });

  it('keeps blockquotes and quote containers unless asked to drop them', () => {
    const html = '<div>New</div><div class="gmail_quote">Old<blockquote>Older</blockquote></div>';
    expect(htmlToText(html)).toBe('New\nOld\n\nOlder');
    expect(htmlToText(html, { dropQuotes: true })).toBe('New');
  });

  it('resumes after a dropped container, counting nested containers of the same element', () => {
    const html =
      '<p>Before</p><blockquote>q1<blockquote>q2</blockquote>still quoted</blockquote><p>After</p>';
    expect(htmlToText(html, { dropQuotes: true })).toBe('Before\n\nAfter');
  });

  it('stops at Outlook’s divRplyFwdMsg, whose quoted message follows it', () => {
    const html = '<div>Mine</div><hr><div id="divRplyFwdMsg"><b>From:</b> x</div><div>Quoted body</div>';
    expect(htmlToText(html, { dropQuotes: true })).toBe('Mine');
    expect(htmlToText(html)).toBe('Mine\nFrom: x\nQuoted body');
  });

  it('leaves a stray "<" that opens no tag as text', () => {
    expect(htmlToText('<p>1 < 2 and 3 <> 4</p>')).toBe('1 < 2 and 3 <> 4');
  });
});
