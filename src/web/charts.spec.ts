import { barChart, chartTable, formatKronor, formatNumber, formatPercent } from './charts';

describe('charts', () => {
  it('scales bars to the largest value, and writes each value beside its bar', () => {
    const svg = barChart({
      title: 'Tillsatta per verksamhet',
      series: [{ name: 'Tillsatta', bars: [{ label: 'Vård och omsorg', value: 30, shown: '30' }, { label: 'Kost', value: 15, shown: '15' }, { label: 'Utbildning', value: 0, shown: '0' }] }],
    }).value;
    const widths = [...svg.matchAll(/<rect [^>]*width="([\d.]+)"/g)].map((m) => Number(m[1]));
    expect(widths).toEqual([300, 150, 0]);
    expect(svg).toContain('role="img"');
    expect(svg).toContain('aria-label="Tillsatta per verksamhet. Siffrorna står i tabellen intill."');
    expect(svg).toContain('>Vård och omsorg</text>');
  });

  it('draws nothing wider than the space for an all-zero series, and a legend for two series', () => {
    const svg = barChart({
      title: 'Budget och kostnad',
      series: [
        { name: 'Budget', bars: [{ label: 'Kost', value: 0, shown: '0 kr' }] },
        { name: 'Kostnad', bars: [{ label: 'Kost', value: 0, shown: '0 kr' }] },
      ],
    }).value;
    expect([...svg.matchAll(/<rect [^>]*width="([\d.]+)"/g)].map((m) => Number(m[1]))).toEqual([0, 0, 14, 14]);
    expect(svg).toContain('>Budget</text>');
    expect(svg).toContain('>Kostnad</text>');
  });

  it('escapes labels, and shortens long ones in the drawing only', () => {
    const long = 'Navestadsskolans fritidshem <avdelning B>';
    const svg = barChart({ title: 'x', series: [{ name: 'a', bars: [{ label: long, value: 1, shown: '1' }] }] }).value;
    expect(svg).not.toContain('<avdelning');
    expect(svg).toContain('…</text>');
    const table = chartTable({ caption: 'x', labelHeading: 'Enhet', labels: [long], columns: [{ heading: 'Antal', values: ['1'] }] }).value;
    expect(table).toContain('Navestadsskolans fritidshem &lt;avdelning B&gt;');
  });

  it('writes numbers the Swedish way', () => {
    expect(formatNumber(52_000_000)).toBe('52\u00a0000\u00a0000');
    expect(formatNumber(9687.5, 2)).toBe('9\u00a0687,50');
    expect(formatNumber(-1234)).toBe('−1\u00a0234');
    expect(formatPercent(0.8333)).toBe('83\u00a0%');
    expect(formatKronor(31_250)).toBe('31\u00a0250\u00a0kr');
  });
});
