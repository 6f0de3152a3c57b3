import type { RunListPage } from "../api/stored-runs";
import { Button } from "../ui/Button";
import { pageLabel } from "./run-filters";
import styles from "./Runs.module.css";

/** Previous and next pages, and where this one sits. */
export function Pagination({
  page,
  onPage,
}: {
  page: RunListPage;
  onPage: (page: number) => void;
}) {
  const index = Math.floor(page.offset / page.limit);
  const hasNext = page.offset + page.items.length < page.total;
  return (
    <nav className={styles.pagination} aria-label="Pages" data-testid="pagination">
      <span className="num" data-testid="page-label">
        {pageLabel(page.offset, page.items.length, page.total)}
      </span>
      <Button size="sm" disabled={index === 0} onClick={() => onPage(index - 1)}>
        ← Newer
      </Button>
      <Button
        size="sm"
        disabled={!hasNext}
        onClick={() => onPage(index + 1)}
        data-testid="next-page"
      >
        Older →
      </Button>
    </nav>
  );
}
