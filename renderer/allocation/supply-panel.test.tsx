import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { ITEM_LIST_LIMIT, SupplyPanel } from './SupplyPanel';

const render = (itemIds: string[]) =>
  renderToStaticMarkup(
    <SupplyPanel itemIds={itemIds} warehouseIds={['DC-EAST', 'DC-WEST']} asOf="2026-11-27" edits={[]} context={null} onApply={async () => null} />,
  );

describe('supply panel: the item choice', () => {
  it("lists a SKU group's few items to pick from", () => {
    const html = render(['SKU-1', 'SKU-2']);
    expect(html).toMatch(/<select[^>]*data-testid="supply-item"/);
    expect(html.match(/<option /g)?.length).toBe(2 + 2); // items + warehouses
  });

  it('asks for the item to be typed when every open line is shown (no list of thousands of options on the page)', () => {
    const items = Array.from({ length: ITEM_LIST_LIMIT * 50 }, (_, i) => `SKU-${i}`);
    const html = render(items);
    expect(html).toMatch(/<input[^>]*data-testid="supply-item"/);
    expect(html).toContain('placeholder="SKU-0"');
    expect(html.match(/<option /g)?.length).toBe(2); // the warehouses only
  });
});
