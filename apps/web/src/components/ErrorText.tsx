// Shows a failed control call where it was made: the server's message and the rules it names.
import { ApiRequestError } from '../api';

export function ErrorText({ error, testId }: { error: Error | null; testId?: string }) {
  if (error === null) return null;
  const details = error instanceof ApiRequestError ? error.details : [];
  const prefix =
    error instanceof ApiRequestError && error.status === 401
      ? 'Not allowed: the admin token is missing or wrong. The server says: '
      : '';
  return (
    <div className="error-text" role="alert" data-testid={testId}>
      <p>
        {prefix}
        {error.message}
      </p>
      {details.length > 0 && (
        <ul>
          {details.map((detail) => (
            <li key={detail}>{detail}</li>
          ))}
        </ul>
      )}
    </div>
  );
}
