import Link from "next/link";
import styles from "./AppHeader.module.css";

/** The thin bar at the top of every page: product name, the library and the stored runs. */
export function AppHeader() {
  return (
    <header className={styles.bar}>
      <Link href="/" className={styles.brand} data-testid="brand">
        <span className={styles.logo} aria-hidden>
          <svg viewBox="0 0 20 20" width="20" height="20">
            <circle cx="5" cy="10" r="3" fill="currentColor" opacity="0.45" />
            <circle cx="15" cy="5" r="3" fill="currentColor" opacity="0.7" />
            <circle cx="15" cy="15" r="3" fill="currentColor" />
            <path d="M7.5 9 12.5 6M7.5 11 12.5 14" stroke="currentColor" strokeWidth="1.4" />
          </svg>
        </span>
        Convergence Lab
      </Link>
      <nav className={styles.nav}>
        <Link href="/">Scenarios</Link>
        <Link href="/runs" data-testid="nav-runs">
          Runs
        </Link>
      </nav>
    </header>
  );
}
