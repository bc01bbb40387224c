// A table of authors ranked by reach (followers × tweets in the window).
import type { AuthorReach } from '@hashpulse/protocol';
import { formatCount } from '../format';

export function AuthorTable({
  authors,
  limit = 10,
  caption,
}: {
  authors: AuthorReach[];
  limit?: number;
  caption: string;
}) {
  if (authors.length === 0) return <p className="empty">No authors with a known profile yet.</p>;
  return (
    <div className="table-scroll">
      <table className="table">
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">Author</th>
            <th scope="col" className="num">
              Followers
            </th>
            <th scope="col" className="num">
              Tweets
            </th>
            <th scope="col" className="num">
              Reach
            </th>
          </tr>
        </thead>
        <tbody>
          {authors.slice(0, limit).map((author) => (
            <tr key={author.id}>
              <td>
                <span className="author">
                  <span className="author-name">{author.name ?? author.username ?? author.id}</span>
                  {author.verified === true && (
                    <span className="verified" title="verified" aria-label="verified">
                      ✓
                    </span>
                  )}
                </span>
                {author.username !== null && <span className="muted author-handle">@{author.username}</span>}
              </td>
              <td className="num">{formatCount(author.followers)}</td>
              <td className="num">{formatCount(author.tweets)}</td>
              <td className="num">{formatCount(author.reach)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
