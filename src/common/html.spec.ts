import { escapeHtml } from './html';

describe('escapeHtml', () => {
  it('escapes the characters that matter in text and attributes', () => {
    expect(escapeHtml(`<script>alert("x" + 'y' + \`z\`)</script> & co`)).toBe(
      '&lt;script&gt;alert(&quot;x&quot; + &#39;y&#39; + &#96;z&#96;)&lt;/script&gt; &amp; co',
    );
  });

  it('leaves Swedish letters alone', () => {
    expect(escapeHtml('Vård- och omsorgsboendet Ljuragården, Östra')).toBe('Vård- och omsorgsboendet Ljuragården, Östra');
  });

  it('does not double-escape by accident of order', () => {
    expect(escapeHtml('&lt;')).toBe('&amp;lt;');
  });

  it('handles null, undefined and numbers', () => {
    expect(escapeHtml(null)).toBe('');
    expect(escapeHtml(undefined)).toBe('');
    expect(escapeHtml(42)).toBe('42');
  });
});
