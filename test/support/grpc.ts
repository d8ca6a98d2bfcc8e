import { CenterCredentials, StoryPoolClient } from '@syn/grpc';
import { TEST_GRPC_SECRET } from '@syn/testing';

/** A StoryPool client calling as `center`, with the test deployment's inter-center secret. */
export const storyPoolAs = (center: string, secret = TEST_GRPC_SECRET) => new StoryPoolClient(center, new CenterCredentials(secret));
