import { html, SafeHtml } from './html';

describe('html', () => {
  it('escapes every value, but not html it made itself', () => {
    const name = '<script>alert("x")</script>';
    expect(html`<p>${name}</p>`.value).toBe('<p>&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;</p>');
    expect(html`<div>${html`<b>${'&'}</b>`}</div>`.value).toBe('<div><b>&amp;</b></div>');
  });

  it('joins lists and leaves out null, undefined and false', () => {
    expect(html`<ul>${['a', 'b'].map((x) => html`<li>${x}</li>`)}</ul>`.value).toBe('<ul><li>a</li><li>b</li></ul>');
    expect(html`${null}${undefined}${false}${0}`.value).toBe('0');
  });

  it('is SafeHtml, and a plain string is not', () => {
    expect(html``).toBeInstanceOf(SafeHtml);
    expect(html`${'<b>'}`.value).toBe('&lt;b&gt;');
  });
});
