import { pageOption } from './page_config';

// Chunks load from wherever the server mounts the static directory.
// eslint-disable-next-line no-undef
__webpack_public_path__ = pageOption('fullStaticUrl') + '/';
