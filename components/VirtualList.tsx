import { useState, type ReactNode } from 'react';

/**
 * A fixed-row-height windowed list: only the rows in view (plus a margin) are
 * in the DOM, so 100k rows scroll like 100. Keyboard: the list is a focusable
 * region; rows are rendered by the caller.
 */
export function VirtualList<T>({
  items,
  rowHeight,
  height,
  render,
  label,
  overscan = 8,
}: {
  items: readonly T[];
  rowHeight: number;
  height: number;
  render: (item: T, index: number) => ReactNode;
  label: string;
  overscan?: number;
}) {
  const [top, setTop] = useState(0);
  const first = Math.max(0, Math.floor(top / rowHeight) - overscan);
  const last = Math.min(items.length, Math.ceil((top + height) / rowHeight) + overscan);
  return (
    <div
      role="list"
      aria-label={label}
      tabIndex={0}
      className="vlist"
      style={{ height, overflowY: 'auto', position: 'relative' }}
      onScroll={(e) => setTop(e.currentTarget.scrollTop)}
    >
      <div style={{ height: items.length * rowHeight, position: 'relative' }}>
        {items.slice(first, last).map((item, i) => (
          <div role="listitem" key={first + i} style={{ position: 'absolute', top: (first + i) * rowHeight, left: 0, right: 0, height: rowHeight }}>
            {render(item, first + i)}
          </div>
        ))}
      </div>
    </div>
  );
}
