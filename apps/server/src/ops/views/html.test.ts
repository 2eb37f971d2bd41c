import { html, SafeHtml } from './html';

describe('html templates', () => {
  it('escapes every interpolated value unless it is markup built with html', () => {
    const domain = '<script>alert("x")</script>&\'';
    const out = html`<td title="${domain}">${domain}${html`<b>${domain}</b>`}${[1, html`<i>2</i>`]}</td>`;
    expect(out).toBeInstanceOf(SafeHtml);
    expect(out.value).not.toContain('<script>');
    expect(out.value).toBe(
      '<td title="&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&amp;&#39;">&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&amp;&#39;<b>&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&amp;&#39;</b>1<i>2</i></td>',
    );
  });

  it('renders nothing for null, undefined and false', () => {
    expect(html`[${null}${undefined}${false}]`.value).toBe('[]');
  });
});
